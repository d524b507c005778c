import { _readIhdr } from './_png-chunks.js';

/** The header of a PNG: what it claims, before any pixel is decoded. */
export interface PngHeader {
  width: number;
  height: number;
  /** Bits a sample: 1, 2, 4, 8 or 16. */
  depth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: number;
  /** 0 none, 1 Adam7. */
  interlace: number;
}

/**
 * Reads a PNG's signature and IHDR (the first 33 bytes, CRC checked) without decoding anything,
 * so that a caller can check the size a file claims before it costs memory.
 *
 * @param bytes The PNG file's bytes (the first 33 are enough).
 * @returns Width, height, bit depth, colour type, interlace.
 * @throws PngError when the bytes do not start with a valid PNG header.
 * @example
 * ```ts
 * const h = readPngHeader(await readFile('masks/a.png'));
 * if (h.width * h.height > 4096 * 4096) throw new Error('too large');
 * ```
 */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  return _readIhdr(bytes);
}
