import { promises as fs } from 'node:fs';
import { decodeImage } from '@ganseg/io';

/** Raised for a photo that cannot be read or used. */
export class PhotoError extends Error {
  override name = 'PhotoError';
}

/** A photo brought to the generator's resolution. */
export interface Photo {
  /** RGB bytes, `size*size*3`. */
  rgb: Uint8Array;
  size: number;
  /** What was done to it (crop, resize), for the user. */
  notes: string[];
}

/**
 * Reads a PNG or JPEG photo and brings it to a square of `size` pixels: a centre crop to a square
 * when it is not one, then an area-average (downscale) or bilinear (upscale) resize. Grey photos
 * are expanded to RGB and alpha is dropped, each said in `notes`.
 *
 * @param file The photo.
 * @param size The generator's resolution.
 * @returns The RGB square and notes.
 * @throws PhotoError naming the file for an unreadable format or channel layout.
 * @example
 * ```ts
 * const { rgb, notes } = await readPhoto('car.jpg', 256);
 * ```
 */
export async function readPhoto(file: string, size: number): Promise<Photo> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    throw new PhotoError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  const notes: string[] = [];
  let img;
  try {
    img = decodeImage(buf, { channels: 4 });
  } catch (e) {
    throw new PhotoError(`${file}: ${(e as Error).message}.`);
  }
  const { width: w, height: h, data: rgba, colorType: ct } = img;
  if (ct === 0 || ct === 4) notes.push('grey photo: copied to R, G and B');
  if (ct === 4 || ct === 6) notes.push('alpha channel dropped');
  if (w < 1 || h < 1) throw new PhotoError(`${file}: empty image (${w}x${h}).`);
  // centre crop to a square
  const side = Math.min(w, h);
  const x0 = Math.floor((w - side) / 2);
  const y0 = Math.floor((h - side) / 2);
  if (w !== h) notes.push(`centre-cropped from ${w}x${h} to ${side}x${side}`);
  if (side !== size) notes.push(`resized from ${side}x${side} to ${size}x${size} (${side > size ? 'area average' : 'bilinear'})`);
  const rgb = new Uint8Array(size * size * 3);
  const at = (x: number, y: number, c: number) => rgba[((y0 + y) * w + (x0 + x)) * 4 + c];
  if (side >= size) {
    const s = side / size;
    for (let y = 0; y < size; y++) {
      const ya = Math.floor(y * s);
      const yb = Math.max(ya + 1, Math.floor((y + 1) * s));
      for (let x = 0; x < size; x++) {
        const xa = Math.floor(x * s);
        const xb = Math.max(xa + 1, Math.floor((x + 1) * s));
        for (let c = 0; c < 3; c++) {
          let acc = 0;
          for (let yy = ya; yy < yb; yy++) for (let xx = xa; xx < xb; xx++) acc += at(xx, yy, c);
          rgb[(y * size + x) * 3 + c] = Math.round(acc / ((yb - ya) * (xb - xa)));
        }
      }
    }
  } else {
    const s = side / size;
    for (let y = 0; y < size; y++) {
      const fy = Math.min(side - 1, Math.max(0, (y + 0.5) * s - 0.5));
      const ya = Math.floor(fy);
      const yb = Math.min(side - 1, ya + 1);
      const ty = fy - ya;
      for (let x = 0; x < size; x++) {
        const fx = Math.min(side - 1, Math.max(0, (x + 0.5) * s - 0.5));
        const xa = Math.floor(fx);
        const xb = Math.min(side - 1, xa + 1);
        const tx = fx - xa;
        for (let c = 0; c < 3; c++) {
          const v = (1 - ty) * ((1 - tx) * at(xa, ya, c) + tx * at(xb, ya, c)) + ty * ((1 - tx) * at(xa, yb, c) + tx * at(xb, yb, c));
          rgb[(y * size + x) * 3 + c] = Math.round(v);
        }
      }
    }
  }
  return { rgb, size, notes };
}
