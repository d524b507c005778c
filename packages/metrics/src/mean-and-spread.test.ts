import { describe, expect, it } from 'vitest';
import { meanAndSpread } from './mean-and-spread.js';

describe('meanAndSpread', () => {
  it('gives mean, sample std, min, max and n', () => {
    const s = meanAndSpread([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(Math.sqrt(32 / 7), 14); // NumPy: np.std(x, ddof=1)
    expect([s.min, s.max, s.n]).toEqual([2, 9, 8]);
  });
  it('skips null, undefined and NaN; one value has std 0; none gives NaN and n 0', () => {
    const s = meanAndSpread([0.5, null, NaN, undefined, 0.7]);
    expect(s.n).toBe(2);
    expect(s.mean).toBeCloseTo(0.6, 15);
    expect(s.std).toBeCloseTo(Math.SQRT2 * 0.1, 14);
    expect(meanAndSpread([3])).toEqual({ mean: 3, std: 0, min: 3, max: 3, n: 1 });
    const e = meanAndSpread([]);
    expect(e.n).toBe(0);
    expect(e.mean).toBeNaN();
    expect(e.std).toBeNaN();
  });
  it('accepts typed arrays', () => {
    expect(meanAndSpread(Float64Array.of(1, 3)).mean).toBe(2);
  });
});
