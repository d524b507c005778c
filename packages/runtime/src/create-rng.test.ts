import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng.js';

describe('createRng', () => {
  it('gives the same draws for the same seed and different ones for another', () => {
    expect(Array.from(createRng(1).normalArray(8))).toEqual(Array.from(createRng(1).normalArray(8)));
    expect(createRng(1).uniform()).not.toBe(createRng(2).uniform());
    expect(createRng('a').uniform()).toBe(createRng('a').uniform());
  });

  it('draws standard normals (mean 0, variance 1 within sampling error)', () => {
    const x = createRng(3).normalArray(200_000);
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let v2 = 0;
    for (const v of x) v2 += (v - m) ** 2;
    v2 /= x.length;
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(Math.abs(v2 - 1)).toBeLessThan(0.02);
  });

  it('draws uniforms in [0, 1) and integers in range', () => {
    const r = createRng(5);
    const u = r.uniformArray(10_000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(7);
      expect(k >= 0 && k < 7 && Number.isInteger(k)).toBe(true);
    }
  });

  it.each([100, 10001])('makes the inverted-dropout mask that thresholding uniformArray makes, and moves the stream as far (n %i: JavaScript under 4,096, @ganseg/native from there where it loads)', (n) => {
    for (const rate of [0.5, 0.1, 0.9]) {
      const [a, b] = [createRng('mask'), createRng('mask')];
      const m = a.maskArray(n, rate, 1 / (1 - rate));
      const u = b.uniformArray(n);
      expect(Array.from(m)).toEqual(Array.from(u, (v) => (v >= rate ? Math.fround(1 / (1 - rate)) : 0)));
      expect(a.uniform()).toBe(b.uniform());
      const kept = m.filter((v) => v > 0).length / m.length;
      expect(Math.abs(kept - (1 - rate))).toBeLessThan(n > 1000 ? 0.02 : 0.15);
    }
  });
});
