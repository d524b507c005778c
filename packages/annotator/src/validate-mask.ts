import { IGNORE_INDEX } from '@ganseg/formats';
import { AnnotatorError } from './annotator-error.js';

/**
 * Checks that a class-index mask fits its sample: the same width and height, and every value a
 * class id of `classes.json` (0 to numClasses - 1) or 255 (ignore).
 *
 * @param mask the mask: `data` holds one class index a pixel, row-major
 * @param expected the sample's id and size, and the number of classes
 * @throws AnnotatorError (422) naming the sample, the size or the first bad pixel
 * @example
 * ```ts
 * validateMask({ width: 2, height: 1, data: new Uint8Array([0, 255]) }, { id: 'a', width: 2, height: 1, numClasses: 2 });
 * ```
 */
export function validateMask(
  mask: { width: number; height: number; data: Uint8Array },
  expected: { id: string; width: number; height: number; numClasses: number },
): void {
  const { id, width, height, numClasses } = expected;
  if (mask.width !== width || mask.height !== height) {
    throw new AnnotatorError(
      `mask for sample "${id}" is ${mask.width}x${mask.height} but the sample is ${width}x${height}`,
    );
  }
  if (mask.data.length !== width * height) {
    throw new AnnotatorError(
      `mask for sample "${id}" has ${mask.data.length} pixels, expected ${width}x${height} = ${width * height}`,
    );
  }
  const d = mask.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v >= numClasses && v !== IGNORE_INDEX) {
      const x = i % width;
      const y = (i - x) / width;
      throw new AnnotatorError(
        `mask for sample "${id}": class id ${v} at pixel (x=${x}, y=${y}) is beyond classes.json ` +
          `(${numClasses} classes: ids 0-${numClasses - 1}, and 255 = ignore)`,
      );
    }
  }
}
