import { _classStats } from './_class-stats.js';
import type { ConfusionMatrix } from './confusion-matrix.js';

/**
 * Per-class accuracy (recall): correctly predicted pixels of a class over its truth pixels.
 *
 * @param cm The accumulated matrix.
 * @returns One accuracy a class; `NaN` for a class absent from the truth.
 * @example
 * ```ts
 * const cm = new ConfusionMatrix(2).add(Uint8Array.of(0, 1, 1), Uint8Array.of(0, 1, 0));
 * classAccuracy(cm); // [0.5, 1]
 * ```
 */
export function classAccuracy(cm: ConfusionMatrix): number[] {
  const s = _classStats(cm);
  const out: number[] = [];
  for (let c = 0; c < s.numClasses; c++) out.push(s.truth[c] === 0 ? NaN : s.tp[c] / s.truth[c]);
  return out;
}
