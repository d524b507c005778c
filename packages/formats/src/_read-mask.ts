import { promises as fs } from 'node:fs';
import { decodePng } from '@ganseg/io';
import { ImportError } from './import-error.js';
import { _readPngPalette } from './_palette.js';

/** A decoded class-index mask. */
export interface _Mask {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Reads a mask PNG to class indices: grey (any depth: the value), palette (the palette index, read
 * from the file's PLTE), or RGB / RGBA when `colors` maps each colour to a class (a labelmap).
 * With `colors`, a palette mask is also mapped by colour. Unknown colours fail naming the pixel.
 */
export async function _readMask(file: string, id: string, colors?: Map<number, number>): Promise<_Mask> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new ImportError(file, 'missing: the mask of this image.', id);
  }
  let png;
  try {
    png = decodePng(bytes, { channels: 4 });
  } catch (e) {
    throw new ImportError(file, `${(e as Error).message}; masks are PNG files.`, id);
  }
  const { width, height, colorType } = png;
  const n = width * height;
  const rgba = png.data;
  const data = new Uint8Array(n);
  const key = (i: number) => (rgba[4 * i] << 16) | (rgba[4 * i + 1] << 8) | rgba[4 * i + 2];
  if (colors) {
    for (let i = 0; i < n; i++) {
      const k = colors.get(key(i));
      if (k === undefined) {
        throw new ImportError(
          file,
          `colour (${rgba[4 * i]}, ${rgba[4 * i + 1]}, ${rgba[4 * i + 2]}) at (x ${i % width}, y ${Math.floor(i / width)}) is no class of labelmap.txt.`,
          id,
        );
      }
      data[i] = k;
    }
  } else if (colorType === 3) {
    const pal = _readPngPalette(bytes);
    if (!pal) throw new ImportError(file, 'a palette PNG without a readable PLTE chunk.', id);
    const index = new Map<number, number>();
    for (let k = pal.length - 1; k >= 0; k--) index.set((pal[k][0] << 16) | (pal[k][1] << 8) | pal[k][2], k);
    for (let i = 0; i < n; i++) data[i] = index.get(key(i)) ?? 0;
  } else if (colorType === 0 || colorType === 4) {
    for (let i = 0; i < n; i++) data[i] = rgba[4 * i];
  } else {
    throw new ImportError(file, 'an RGB mask; expected class indices (a grey or palette PNG), or a labelmap.txt mapping colours to classes.', id);
  }
  return { data, width, height };
}

/** Throws when a mask holds an id at or above `numClasses` other than 255. */
export function _checkMaskIds(file: string, id: string, mask: _Mask, numClasses: number): void {
  for (let i = 0; i < mask.data.length; i++) {
    const v = mask.data[i];
    if (v >= numClasses && v !== 255) {
      throw new ImportError(
        file,
        `class id ${v} at (x ${i % mask.width}, y ${Math.floor(i / mask.width)}), but there are ${numClasses} classes (ids 0..${numClasses - 1}, 255 = ignore); give every class with --classes.`,
        id,
      );
    }
  }
}
