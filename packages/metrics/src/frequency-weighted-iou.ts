import { _classStats } from './_class-stats.js';
import type { ConfusionMatrix } from './confusion-matrix.js';

/**
 * Frequency-weighted IoU: each class's IoU weighted by its share of the truth pixels.
 *
 * @param cm The accumulated matrix.
 * @returns A number in [0, 1]; `NaN` when no pixel was counted.
 * @example
 * ```ts
 * const cm = new ConfusionMatrix(2).add(Uint8Array.of(0, 1, 1), Uint8Array.of(0, 1, 0));
 * frequencyWeightedIoU(cm); // (2/3) * 0.5 + (1/3) * 0.5 = 0.5
 * ```
 */
export function frequencyWeightedIoU(cm: ConfusionMatrix): number {
  const s = _classStats(cm);
  if (s.total === 0) return NaN;
  let sum = 0;
  for (let c = 0; c < s.numClasses; c++) {
    if (s.truth[c] === 0) continue;
    sum += (s.truth[c] / s.total) * (s.tp[c] / (s.truth[c] + s.pred[c] - s.tp[c]));
  }
  return sum;
}
