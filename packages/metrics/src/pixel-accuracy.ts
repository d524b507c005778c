import { _classStats } from './_class-stats.js';
import type { ConfusionMatrix } from './confusion-matrix.js';

/**
 * Pixel accuracy: correctly predicted pixels over counted pixels (ignored truth pixels left out;
 * abstentions count as wrong).
 *
 * @param cm The accumulated matrix.
 * @returns A number in [0, 1]; `NaN` when no pixel was counted (for example all-ignore input).
 * @example
 * ```ts
 * const cm = new ConfusionMatrix(2).add(Uint8Array.of(0, 1, 1), Uint8Array.of(0, 1, 0));
 * pixelAccuracy(cm); // 2 / 3
 * ```
 */
export function pixelAccuracy(cm: ConfusionMatrix): number {
  const s = _classStats(cm);
  return s.total === 0 ? NaN : s.correct / s.total;
}
