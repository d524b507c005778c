import type { Spread } from './types.js';

/**
 * Mean and spread of repeated runs (one value a seed). `null`, `undefined` and `NaN` entries are
 * skipped, so per-class IoUs that are missing in some runs can be passed as they are.
 *
 * @param values The values, one a run.
 * @returns `{ mean, std, min, max, n }`; `std` is the sample standard deviation (`n - 1`).
 * @example
 * ```ts
 * meanAndSpread([0.91, 0.93, 0.92]); // { mean: 0.92, std: 0.01, min: 0.91, max: 0.93, n: 3 }
 * ```
 */
export function meanAndSpread(values: ArrayLike<number | null | undefined>): Spread {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return { mean: NaN, std: NaN, min: NaN, max: NaN, n: 0 };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    ss += (v - mean) * (v - mean);
  }
  return { mean, std: n === 1 ? 0 : Math.sqrt(ss / (n - 1)), min, max, n };
}
