import { PNG } from 'pngjs';

/** Encodes an 8-bit RGB image (`width*height*3` bytes) as PNG. Deterministic bytes. */
export function _encodeRgb(rgb: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

/** Encodes an 8-bit single-channel map (class indices) as grey PNG. Deterministic bytes. */
export function _encodeGrey(mask: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(mask.buffer, mask.byteOffset, mask.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/** Decodes a grey or RGB(A) PNG into its first channel (used to read class-index masks back). */
export function _decodeFirstChannel(buf: Buffer): { data: Uint8Array; width: number; height: number } {
  const png = PNG.sync.read(buf);
  const out = new Uint8Array(png.width * png.height);
  for (let i = 0; i < out.length; i++) out[i] = png.data[i * 4];
  return { data: out, width: png.width, height: png.height };
}
