import { _meanOverClasses } from './_mean-over-classes.js';
import { classIoU } from './class-iou.js';
import type { ConfusionMatrix } from './confusion-matrix.js';
import type { MeanOverClasses } from './types.js';

/**
 * Mean IoU (class-averaged IoU) over the classes present in the prediction or the truth. Classes
 * absent from both have no IoU; they are left out of the mean and listed in `excluded` (NumPy's
 * `nanmean` of the per-class IoU).
 *
 * @param cm The accumulated matrix.
 * @returns `{ value, included, excluded }`; `value` is `NaN` when no class is present.
 * @example
 * ```ts
 * const cm = new ConfusionMatrix(3).add(Uint8Array.of(0, 1, 1), Uint8Array.of(0, 1, 0));
 * meanIoU(cm); // { value: 0.5, included: [0, 1], excluded: [2] }
 * ```
 */
export function meanIoU(cm: ConfusionMatrix): MeanOverClasses {
  return _meanOverClasses(classIoU(cm));
}
