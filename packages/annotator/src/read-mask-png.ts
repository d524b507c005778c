import { readFile } from 'node:fs/promises';
import { decodePng, type DecodedPng } from '@ganseg/io';
import { AnnotatorError } from './annotator-error.js';

/**
 * Reads a class-index mask PNG (8-bit greyscale, colour type 0, as the annotator writes them).
 *
 * @param file the PNG file
 * @returns width, height and one class index a pixel
 * @throws AnnotatorError naming the file when it is not an 8-bit greyscale PNG
 * @example
 * ```ts
 * const { width, height, data } = await readMaskPng('ws/masks/000001.png');
 * ```
 */
export async function readMaskPng(file: string): Promise<{ width: number; height: number; data: Uint8Array }> {
  return _decodeMaskPng(await readFile(file), file);
}

/** Decodes PNG bytes holding a class-index mask; `name` is used in error messages. */
export function _decodeMaskPng(bytes: Uint8Array, name: string): { width: number; height: number; data: Uint8Array } {
  let png: DecodedPng;
  try {
    png = decodePng(bytes, { channels: 1 });
  } catch (e) {
    throw new AnnotatorError(`${name} is ${(e as Error).message}`);
  }
  if (png.colorType !== 0 || png.depth !== 8) {
    throw new AnnotatorError(
      `${name} is a PNG of colour type ${png.colorType}, bit depth ${png.depth}; expected a class-index mask: ` +
        'greyscale (colour type 0), 8 bits, one class id a pixel, 255 = ignore',
    );
  }
  return { width: png.width, height: png.height, data: png.data };
}
