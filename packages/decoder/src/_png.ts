import { PNG } from 'pngjs';

/** Encodes 8-bit RGB (`w*h*3` bytes) as PNG. */
export function _encodeRgb(rgb: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

/** Encodes an 8-bit single channel (`w*h` bytes) as grey PNG. */
export function _encodeGrey(v: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/** Encodes 8-bit RGBA (`w*h*4` bytes) as PNG. */
export function _encodeRgba(rgba: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 6 });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png, { colorType: 6 });
}

/** Decodes a PNG to RGBA bytes, with whether the file stored colour and alpha. */
export function _decode(buf: Buffer): { rgba: Uint8Array; width: number; height: number; color: boolean; alpha: boolean; depth: number } {
  const png = PNG.sync.read(buf) as PNG & { color?: boolean; alpha?: boolean; depth?: number };
  return { rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height, color: png.color ?? true, alpha: png.alpha ?? false, depth: png.depth ?? 8 };
}

/** Image tensor values in about [-1, 1] (NHWC, one image, float32 data) to RGB bytes. */
export function _toRgbBytes(data: Float32Array | Int32Array | Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n * 3; i++) {
    const v = Math.round((data[i] + 1) * 127.5);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}
