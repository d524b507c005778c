import { readFile } from 'node:fs/promises';
import { decodePngSamples, readPngHeader, type PngSamples } from '@ganseg/io';
import { AnnotatorError } from './annotator-error.js';

/**
 * Reads a class-index mask PNG: greyscale (1, 2, 4, 8 or 16 bits, values read unscaled, as the
 * annotator writes them at 8 bits) or palette indices. With `expected`, the size is checked on the
 * PNG header before anything is decoded; a damaged PNG (CRC, zlib) is an error.
 *
 * @param file the PNG file
 * @param expected the size the mask must have (its sample's)
 * @returns width, height and one class index a pixel
 * @throws AnnotatorError naming the file when it is not a class-index PNG, the wrong size or damaged
 * @example
 * ```ts
 * const { width, height, data } = await readMaskPng('ws/masks/000001.png');
 * ```
 */
export async function readMaskPng(file: string, expected?: { width: number; height: number }): Promise<{ width: number; height: number; data: Uint8Array }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AnnotatorError(`${file} ${code === 'EISDIR' ? 'is a directory; expected a mask PNG' : `cannot be read (${(e as Error).message})`}`);
  }
  return _decodeMaskPng(bytes, file, expected);
}

/** Decodes PNG bytes holding a class-index mask; `name` is used in error messages. */
export function _decodeMaskPng(bytes: Uint8Array, name: string, expected?: { width: number; height: number }, status = 422): { width: number; height: number; data: Uint8Array } {
  let png: PngSamples;
  try {
    const h = readPngHeader(bytes);
    if (expected && (h.width !== expected.width || h.height !== expected.height)) {
      throw new AnnotatorError(`${name} is ${h.width}x${h.height} but the sample is ${expected.width}x${expected.height}`, status);
    }
    png = decodePngSamples(bytes, { width: expected?.width, height: expected?.height, maxPixels: 1 << 26 });
  } catch (e) {
    if (e instanceof AnnotatorError) throw e;
    const msg = (e as Error).message;
    throw new AnnotatorError(`${name} ${msg.startsWith('is ') ? msg : `is ${msg}`}`, status);
  }
  if (png.colorType !== 0 && png.colorType !== 3) {
    throw new AnnotatorError(
      `${name} is a PNG of colour type ${png.colorType}, bit depth ${png.depth}; expected a class-index mask: ` +
        'greyscale (colour type 0) or palette indices, one class id a pixel, 255 = ignore',
      status,
    );
  }
  const data = new Uint8Array(png.width * png.height);
  for (let i = 0; i < data.length; i++) {
    const v = png.data[i];
    if (v > 255) {
      throw new AnnotatorError(`${name}: pixel (${i % png.width}, ${Math.floor(i / png.width)}) holds ${v}, above 255; class ids are 0..254, 255 = ignore`, status);
    }
    data[i] = v;
  }
  return { width: png.width, height: png.height, data };
}
