import { maxAbsDiff } from './max-abs-diff.js';

/**
 * The largest absolute difference relative to the reference's scale:
 * `max |actual - expected| / max(floor, max |expected|)` (Infinity for different lengths or a NaN).
 *
 * @param actual What the code computed.
 * @param expected The reference.
 * @param floor The smallest scale (so that a reference near zero is not divided by ~0); default 1.
 * @returns The relative error.
 * @example
 * ```ts
 * expect(maxRelDiff(gradient, reference)).toBeLessThan(1e-4);
 * ```
 */
export function maxRelDiff(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1): number {
  let scale = floor;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  return maxAbsDiff(actual, expected) / scale;
}
