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

  it.each([7, 1000])('normalArray is Box-Muller on the uniform stream (n %i) and moves it as far', (n) => {
    const [a, b] = [createRng('bm'), createRng('bm')];
    const got = a.normalArray(n);
    const want = new Float32Array(n);
    for (let i = 0; i < n; i += 2) {
      const u1 = 1 - b.uniform();
      const u2 = b.uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      want[i] = r * Math.cos(2 * Math.PI * u2);
      if (i + 1 < n) want[i + 1] = r * Math.sin(2 * Math.PI * u2);
    }
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(a.uniform()).toBe(b.uniform());
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
