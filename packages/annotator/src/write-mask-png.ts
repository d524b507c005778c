import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { atomicWriteFile, encodePng } from '@ganseg/io';

/**
 * Writes a class-index mask as an 8-bit greyscale PNG (colour type 0), atomically: to a temp
 * file beside `file`, then rename. Creates the folder when needed.
 *
 * @param file destination, e.g. `<ws>/masks/<id>.png`
 * @param mask one class index a pixel, row-major, `width * height` bytes
 * @returns nothing once the file is in place
 * @example
 * ```ts
 * await writeMaskPng('ws/masks/000001.png', { width: 2, height: 1, data: new Uint8Array([0, 255]) });
 * ```
 */
export async function writeMaskPng(file: string, mask: { width: number; height: number; data: Uint8Array }): Promise<void> {
  const { width, height, data } = mask;
  if (data.length !== width * height) {
    throw new RangeError(`writeMaskPng: ${data.length} bytes for ${width}x${height}`);
  }
  const bytes = encodePng({ data, width, height, channels: 1 });
  await mkdir(dirname(file), { recursive: true });
  await atomicWriteFile(file, bytes);
}
