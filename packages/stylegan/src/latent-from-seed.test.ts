import { describe, expect, it } from 'vitest';
import { latentFromSeed } from './latent-from-seed.js';

describe('latentFromSeed', () => {
  it('is deterministic, differs between seeds and is standard normal', () => {
    const a = latentFromSeed(3, 4096);
    expect(Array.from(latentFromSeed(3, 4096))).toEqual(Array.from(a));
    expect(Array.from(latentFromSeed(4, 4096))).not.toEqual(Array.from(a));
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const std = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
    expect(Math.abs(mean)).toBeLessThan(0.06);
    expect(Math.abs(std - 1)).toBeLessThan(0.05);
    expect(latentFromSeed(3, 7).length).toBe(7);
    expect(Array.from(latentFromSeed(3, 7))).toEqual(Array.from(a.slice(0, 7)));
  });
});
