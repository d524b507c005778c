import jpeg from 'jpeg-js';
import { decodePng } from './decode-png.js';
import type { PngPixels } from './encode-png.js';
import { ImageError } from './image-error.js';
import { _fromRgba } from './_from-rgba.js';

/** Options of {@link decodeImage}. */
export interface DecodeImageOptions {
  /** The channels to return (default 3): 1 (grey / first channel), 3 (RGB) or 4 (RGBA). */
  channels?: 1 | 3 | 4;
  /** The largest image accepted, in megapixels (default 100): larger files fail before decoding. */
  maxMegapixels?: number;
}

/** A decoded image: 8-bit pixels, and what the file was. */
export interface DecodedImage extends PngPixels {
  /** The file's format, told by its first bytes. */
  format: 'png' | 'jpeg';
  /** PNG only: the file's colour type (0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA); -1 for a JPEG. */
  colorType: number;
}

/** @returns 'png', 'jpeg' or null, from the first bytes. */
export function _sniffImage(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/**
 * Decodes a PNG (any colour type and bit depth) or a baseline / progressive JPEG (grey, YCbCr,
 * CMYK), told apart by the file's first bytes, not its name, to 8-bit pixels with the channels
 * asked for (3, RGB, by default). A grey file gives R = G = B; alpha is dropped unless 4 channels
 * are asked for (a JPEG's alpha is 255).
 *
 * @param bytes The file's bytes.
 * @param options Channels (default 3) and the size limit.
 * @returns The pixels (`width * height * channels` bytes, row-major) and the file's format.
 * @throws ImageError when the bytes are neither a PNG nor a JPEG, or are a corrupt or truncated
 *   one, or an image above the size limit; callers add the file name.
 * @example
 * ```ts
 * const photo = decodeImage(await readFile('photos/car.jpg'));
 * console.log(photo.format, photo.width, photo.height); // 'jpeg' 640 480
 * ```
 */
export function decodeImage(bytes: Uint8Array, options: DecodeImageOptions = {}): DecodedImage {
  const channels = options.channels ?? 3;
  const maxMegapixels = options.maxMegapixels ?? 100;
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new ImageError(`decodeImage: ${String(channels)} channels asked for; expected 1, 3 or 4.`, {
      expected: '1, 3 or 4 channels',
      found: `${String(channels)} channels`,
    });
  }
  const kind = _sniffImage(bytes);
  if (kind === 'png') {
    let png;
    try {
      png = decodePng(bytes, { channels, maxPixels: Math.round(maxMegapixels * 1e6) }); // checked on the header
    } catch (e) {
      throw new ImageError((e as Error).message, { expected: 'a readable PNG', found: `${bytes.length} bytes`, cause: e });
    }
    return { ...png, format: 'png' };
  }
  if (kind === 'jpeg') {
    let d: { width: number; height: number; data: Uint8Array };
    try {
      d = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: Math.max(512, maxMegapixels * 16) });
    } catch (e) {
      throw new ImageError(`not a readable JPEG (${(e as Error).message})`, {
        expected: 'a JPEG file',
        found: `${bytes.length} bytes jpeg-js cannot read`,
        cause: e,
      });
    }
    const { width, height } = d;
    if (!(width > 0 && height > 0) || d.data.length < width * height * 4) {
      throw new ImageError(`not a readable JPEG (${width}x${height}, ${d.data.length} bytes of pixels)`, {
        expected: 'a JPEG with pixels',
        found: `${width}x${height}`,
      });
    }
    const data = _fromRgba(d.data, width * height, channels);
    return { data, width, height, channels, format: 'jpeg', colorType: -1 };
  }
  const head = Buffer.from(bytes.subarray(0, 4)).toString('hex');
  throw new ImageError(`not a PNG or a JPEG (first bytes ${head || 'none'}); convert it to PNG or JPEG`, {
    expected: 'a PNG (89 50 4e 47) or JPEG (ff d8 ff) file',
    found: `first bytes ${head || 'none'}`,
  });
}
