import { PNG } from 'pngjs';
import { PngError } from './png-error.js';

/** 8-bit pixels, row-major and interleaved: `width * height * channels` bytes. */
export interface PngPixels {
  /** The bytes: one a pixel (grey, e.g. class indices), three (RGB) or four (RGBA). */
  data: Uint8Array;
  width: number;
  height: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA). */
  channels: 1 | 3 | 4;
}

/** The PNG colour type written for each channel count: grey (0), RGB (2), RGBA (6). */
const COLOR_TYPE = { 1: 0, 3: 2, 4: 6 } as const;

/**
 * Encodes 8-bit pixels as a PNG: 1 channel as greyscale (colour type 0, e.g. a class-index
 * mask), 3 as RGB (colour type 2), 4 as RGBA (colour type 6). The bytes are deterministic (same
 * pixels, same file), so encoded files can be hashed and compared byte for byte.
 *
 * @param pixels The pixels and their layout.
 * @returns The PNG file's bytes.
 * @throws PngError when `channels` is not 1, 3 or 4, or `data` is not `width * height * channels` bytes.
 * @example
 * ```ts
 * const png = encodePng({ data: Uint8Array.of(0, 1, 255, 1), width: 2, height: 2, channels: 1 });
 * await atomicWriteFile('masks/000001.png', png);
 * ```
 */
export function encodePng(pixels: PngPixels): Buffer {
  const { data, width, height, channels } = pixels;
  const colorType = COLOR_TYPE[channels];
  if (colorType === undefined) {
    throw new PngError(`encodePng: ${String(channels)} channels; expected 1 (grey), 3 (RGB) or 4 (RGBA).`, {
      expected: '1, 3 or 4 channels',
      found: `${String(channels)} channels`,
    });
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || data.length !== width * height * channels) {
    throw new PngError(
      `encodePng: ${data.length} bytes for a ${width}x${height} image of ${channels} channel(s); expected width * height * channels = ${width * height * channels} bytes and a positive integer size.`,
      { expected: `${width * height * channels} bytes`, found: `${data.length} bytes` },
    );
  }
  const options = { colorType, inputColorType: colorType, inputHasAlpha: channels === 4 };
  const png = new PNG({ width, height, ...options });
  png.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return PNG.sync.write(png, options);
}
