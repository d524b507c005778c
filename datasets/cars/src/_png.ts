import { PNG } from 'pngjs';

/** Encodes 8-bit RGB (`width*height*3` bytes) as PNG; deterministic bytes. */
export function _encodeRgb(rgb: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

/** Encodes an 8-bit single-channel map (class indices) as grey PNG; deterministic bytes. */
export function _encodeGrey(mask: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(mask.buffer, mask.byteOffset, mask.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/** Decodes a PNG into RGB bytes and its first channel. */
export function _decode(buf: Buffer): { rgb: Uint8Array; first: Uint8Array; width: number; height: number } {
  const png = PNG.sync.read(buf);
  const n = png.width * png.height;
  const rgb = new Uint8Array(n * 3);
  const first = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    rgb[3 * i] = png.data[4 * i];
    rgb[3 * i + 1] = png.data[4 * i + 1];
    rgb[3 * i + 2] = png.data[4 * i + 2];
    first[i] = png.data[4 * i];
  }
  return { rgb, first, width: png.width, height: png.height };
}
