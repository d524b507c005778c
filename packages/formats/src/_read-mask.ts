import { promises as fs } from 'node:fs';
import { decodeClassMask, decodePng, readPngHeader } from '@ganseg/io';
import { ImportError } from './import-error.js';
import { IGNORE_INDEX } from './ignore-index.js';

/** What a mask must be: the size of its image, ids below `numClasses` (or 255). */
export interface _MaskSpec {
  width: number;
  height: number;
  /** The image's file name, for the size error. */
  imageName: string;
  numClasses: number;
  /** A labelmap: colour (`r << 16 | g << 8 | b`) to class id; masks are then read by colour. */
  colors?: Map<number, number>;
}

/**
 * Reads a mask PNG to class ids. Its size is checked against the image's on the header first.
 * Without `colors`, grey (1 to 16 bits) and palette masks are read as the indices they store,
 * unscaled (io's `decodeClassMask`), RGB masks refused; with `colors` (a labelmap), every pixel's
 * colour (palette colours too) must be a class colour or VOC's boundary colour (224, 224, 192) =
 * 255. Class ids at or above `numClasses` other than 255 fail naming the pixel.
 */
export async function _readMask(file: string, id: string, spec: _MaskSpec): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new ImportError(file, 'missing: the mask of this image.', id);
  }
  const { width, height } = spec;
  try {
    const h = readPngHeader(bytes);
    if (h.width !== width || h.height !== height) {
      throw new ImportError(file, `${h.width}x${h.height}, but its image ${spec.imageName} is ${width}x${height}.`, id);
    }
    if (!spec.colors) {
      return decodeClassMask(bytes, { width, height, numClasses: spec.numClasses, format: 'index' }).mask;
    }
    const rgba = decodePng(bytes, { channels: 4 }).data;
    const data = new Uint8Array(width * height);
    for (let i = 0; i < data.length; i++) {
      const k = spec.colors.get((rgba[4 * i] << 16) | (rgba[4 * i + 1] << 8) | rgba[4 * i + 2]);
      if (k === undefined) {
        throw new ImportError(
          file,
          `colour (${rgba[4 * i]}, ${rgba[4 * i + 1]}, ${rgba[4 * i + 2]}) at (x ${i % width}, y ${Math.floor(i / width)}) is no class of labelmap.txt.`,
          id,
        );
      }
      if (k >= spec.numClasses && k !== IGNORE_INDEX) {
        throw new ImportError(file, `colour of class ${k} at (x ${i % width}, y ${Math.floor(i / width)}), but there are ${spec.numClasses} classes.`, id);
      }
      data[i] = k;
    }
    return data;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(file, `${(e as Error).message}; masks are class-index PNGs (grey or palette, 255 = ignore); name every class with --classes.`, id);
  }
}
