import { _meanOverClasses } from './_mean-over-classes.js';
import { classAccuracy } from './class-accuracy.js';
import type { ConfusionMatrix } from './confusion-matrix.js';
import type { MeanOverClasses } from './types.js';

/**
 * Mean class accuracy over the classes present in the truth; classes absent from the truth are
 * left out and listed in `excluded`.
 *
 * @param cm The accumulated matrix.
 * @returns `{ value, included, excluded }`; `value` is `NaN` when no pixel was counted.
 * @example
 * ```ts
 * const cm = new ConfusionMatrix(3).add(Uint8Array.of(0, 1, 1), Uint8Array.of(0, 1, 0));
 * meanClassAccuracy(cm); // { value: 0.75, included: [0, 1], excluded: [2] }
 * ```
 */
export function meanClassAccuracy(cm: ConfusionMatrix): MeanOverClasses {
  return _meanOverClasses(classAccuracy(cm));
}
