import { _meanOverClasses } from './_mean-over-classes.js';
import { classIoU } from './class-iou.js';
import type { ConfusionMatrix } from './confusion-matrix.js';
import { MetricsError } from './metrics-error.js';
import type { MeanOverClasses } from './types.js';

/**
 * The paper's IoU: the mean IoU over the classes other than the background, each class's
 * intersection and union accumulated over the whole set (the matrix) before dividing, classes
 * absent from both prediction and truth left out. This is what the authors' evaluation code
 * (`SegMetric` with `skip_bg=True`) reports as mean IoU; with one object class (background + car)
 * it is the car IoU.
 *
 * @param cm The matrix accumulated over the test set.
 * @param background The background class index (default 0).
 * @returns `{ value, included, excluded }` over the non-background classes; `value` is `NaN` when
 *   no such class occurs.
 * @throws {MetricsError} When `background` is not a class index of `cm`.
 * @example
 * ```ts
 * const cm = new ConfusionMatrix(3).add(Uint8Array.of(0, 1, 1, 2), Uint8Array.of(0, 1, 0, 2));
 * backgroundSkippedIoU(cm); // { value: 0.75, included: [1, 2], excluded: [] }  (IoU 1/2 and 1)
 * ```
 */
export function backgroundSkippedIoU(cm: ConfusionMatrix, background = 0): MeanOverClasses {
  const iou = classIoU(cm);
  if (!(Number.isInteger(background) && background >= 0 && background < iou.length)) {
    throw new MetricsError(`background ${background} is not a class index (0..${iou.length - 1})`, {
      key: 'background',
      expected: `an integer in 0..${iou.length - 1}`,
      found: String(background),
    });
  }
  const m = _meanOverClasses(iou.map((v, c) => (c === background ? NaN : v)));
  return { value: m.value, included: m.included, excluded: m.excluded.filter((c) => c !== background) };
}
