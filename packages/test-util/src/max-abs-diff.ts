/**
 * The largest absolute difference between two arrays, the measure of a test's tolerance (as
 * tfjs's `expectArraysClose`): Infinity when the lengths differ or either side holds a NaN, so
 * that `expect(maxAbsDiff(a, b)).toBeLessThan(tol)` fails then.
 *
 * @param actual What the code computed.
 * @param expected The reference.
 * @returns `max |actual[i] - expected[i]|`.
 * @example
 * ```ts
 * expect(maxAbsDiff(image.dataSync(), reference)).toBeLessThan(1e-4);
 * ```
 */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let m = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}
