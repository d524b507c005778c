import { PNG } from 'pngjs';

/** A decoded image: RGB bytes (`width*height*3`) or a single channel (`width*height`). */
export interface _Pixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Decodes any 8/16-bit grey, RGB or RGBA PNG to RGB bytes (alpha dropped). */
export function _decodeRgb(buf: Buffer): _Pixels {
  const png = PNG.sync.read(buf);
  const n = png.width * png.height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    out[i * 3] = png.data[i * 4];
    out[i * 3 + 1] = png.data[i * 4 + 1];
    out[i * 3 + 2] = png.data[i * 4 + 2];
  }
  return { data: out, width: png.width, height: png.height };
}

/** Decodes a class-index mask: an 8-bit grey (or RGB whose first channel is the index) PNG. Palette PNGs are refused. */
export function _decodeMask(buf: Buffer): _Pixels & { palette: boolean } {
  const png = PNG.sync.read(buf);
  const n = png.width * png.height;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = png.data[i * 4];
  return { data: out, width: png.width, height: png.height, palette: Boolean(png.palette) && (png.colorType as number) === 3 };
}

/** Encodes RGB bytes as PNG. */
export function _encodeRgb(rgb: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

/** Encodes one channel (class indices) as 8-bit grey PNG. */
export function _encodeGrey(grey: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(grey.buffer, grey.byteOffset, grey.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}
