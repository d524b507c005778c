import { expect } from 'vitest';

/**
 * Asserts `|actual[i] - expected[i]| <= atol + rtol * |expected[i]|` for every element (numpy's
 * `allclose`, tfjs's `expectArraysClose`), naming the first worst element when it fails; a NaN
 * fails.
 *
 * @param actual What the code computed.
 * @param expected The reference.
 * @param atol Absolute tolerance.
 * @param rtol Relative tolerance; default 0.
 * @example
 * ```ts
 * expectArraysClose(grads.dataSync(), reference, 1e-4, 1e-4);
 * ```
 */
export function expectArraysClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol = 0): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const e = Math.abs(actual[i] - expected[i]) - (atol + rtol * Math.abs(expected[i]));
    if (!(e <= worst)) { worst = e; at = i; }
  }
  if (at >= 0) expect.fail(`element ${at}: ${actual[at]} vs ${expected[at]} (atol ${atol}, rtol ${rtol})`);
}
