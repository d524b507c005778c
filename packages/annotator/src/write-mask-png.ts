import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PNG } from 'pngjs';

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
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  png.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const bytes = PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  await mkdir(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
