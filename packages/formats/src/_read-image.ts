import { promises as fs } from 'node:fs';
import { decodeImage } from '@ganseg/io';
import { ImportError } from './import-error.js';
import type { Pixels } from './resize-image.js';

/** Reads a PNG or JPEG photo as RGB; errors name the file and the sample id. */
export async function _readImage(file: string, id: string): Promise<Pixels> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new ImportError(file, 'missing (the image of this sample).', id);
  }
  try {
    const img = decodeImage(bytes, { channels: 3 });
    return { data: img.data, width: img.width, height: img.height };
  } catch (e) {
    throw new ImportError(file, `${(e as Error).message}.`, id);
  }
}
