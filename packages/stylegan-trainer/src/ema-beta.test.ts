import { describe, expect, it } from 'vitest';
import { emaBeta } from './ema-beta.js';

describe('emaBeta', () => {
  it('halves the weight of the past every halfLife images', () => {
    expect(emaBeta(8, 10000) ** (10000 / 8)).toBeCloseTo(0.5, 10);
    expect(emaBeta(32, 10000)).toBeCloseTo(0.5 ** (32 / 10000), 12);
    expect(emaBeta(8, 0)).toBe(0);
  });
});
