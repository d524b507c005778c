import { _classStats } from './_class-stats.js';
import type { ConfusionMatrix } from './confusion-matrix.js';

/**
 * Per-class intersection over union: `TP / (TP + FP + FN)`, where the truth pixels of a class
 * include those the prediction abstained on.
 *
 * @param cm The accumulated matrix.
 * @returns One IoU a class; `NaN` for a class absent from both prediction and truth.
 * @example
 * ```ts
 * const cm = new ConfusionMatrix(3).add(Uint8Array.of(0, 1, 1), Uint8Array.of(0, 1, 0));
 * classIoU(cm); // [0.5, 0.5, NaN]
 * ```
 */
export function classIoU(cm: ConfusionMatrix): number[] {
  const s = _classStats(cm);
  const out: number[] = [];
  for (let c = 0; c < s.numClasses; c++) {
    const union = s.truth[c] + s.pred[c] - s.tp[c];
    out.push(union === 0 ? NaN : s.tp[c] / union);
  }
  return out;
}
