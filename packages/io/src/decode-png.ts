import { PNG } from 'pngjs';
import type { PngPixels } from './encode-png.js';
import { PngError } from './png-error.js';
import { _fromRgba } from './_from-rgba.js';
import { _checkSize, _inflateIdat, _pngParts } from './_png-chunks.js';

/** Options of {@link decodePng}. */
export interface DecodePngOptions {
  /**
   * The channels to return (default 4): 1 gives the first channel (the grey value of a grey PNG,
   * red otherwise: how class-index masks are read), 3 gives RGB (alpha dropped), 4 gives RGBA.
   */
  channels?: 1 | 3 | 4;
  /** The width the file must have: checked on the header, before anything is decoded. */
  width?: number;
  /** The height the file must have: checked on the header, before anything is decoded. */
  height?: number;
  /** The most pixels accepted (default 2^26, 8192 x 8192), checked on the header. */
  maxPixels?: number;
}

/** A decoded PNG: 8-bit pixels, and how the file stored them. */
export interface DecodedPng extends PngPixels {
  /**
   * The file's PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. Bit 1 (`& 2`)
   * is set for colour, bit 2 (`& 4`) for an alpha channel; 3 is a palette.
   */
  colorType: number;
  /** The file's bits a sample: 1, 2, 4, 8 or 16 (the returned pixels are always 8-bit). */
  depth: number;
}

/**
 * Decodes a PNG of any colour type and bit depth (grey, grey + alpha, RGB, RGBA, palette; 1 to 16
 * bits) to 8-bit pixels with the number of channels asked for. The file's colour type and depth
 * are returned too, so a caller can refuse, say, a palette mask. The header's size is checked
 * against `width` / `height` and the pixel ceiling before anything is inflated, every chunk CRC is
 * checked, and image data that does not inflate to exactly the header's size is an error (never
 * zeros or leftover memory).
 *
 * @param bytes The PNG file's bytes.
 * @param options The channels to return (default 4, RGBA).
 * @returns The pixels, `width * height * channels` bytes row-major, with the file's colour type and depth.
 * @throws PngError `not a readable PNG (<reason>)` when the bytes are not a valid PNG, `is WxH;
 *   expected ...` for a wrong size; callers add the file name.
 * @example
 * ```ts
 * const mask = decodePng(await readFile('masks/000001.png'), { channels: 1 });
 * if (mask.colorType === 3) throw new Error('palette masks are not supported');
 * ```
 */
export function decodePng(bytes: Uint8Array, options: DecodePngOptions = {}): DecodedPng {
  const channels = options.channels ?? 4;
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new PngError(`decodePng: ${String(channels)} channels asked for; expected 1 (grey), 3 (RGB) or 4 (RGBA).`, {
      expected: '1, 3 or 4 channels',
      found: `${String(channels)} channels`,
    });
  }
  // Header, CRCs and the zlib stream first: bounded by the header, which is bounded by the limits.
  const parts = _pngParts(bytes);
  _checkSize(parts, options);
  _inflateIdat(parts);
  let png: PNG & { colorType: number; depth: number };
  try {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    png = PNG.sync.read(buf) as PNG & { colorType: number; depth: number };
  } catch (e) {
    throw new PngError(`not a readable PNG (${(e as Error).message})`, {
      expected: 'a PNG file',
      found: `${bytes.length} bytes pngjs cannot read`,
      cause: e,
    });
  }
  const { width, height, colorType, depth } = png;
  const data = _fromRgba(png.data, width * height, channels);
  return { data, width, height, channels, colorType, depth };
}
