import { _ADAM7, _checkSize, _inflateIdat, _pngParts, _SAMPLES } from './_png-chunks.js';
import { PngError } from './png-error.js';

/** Options of {@link decodePngSamples}: limits checked on the header, before anything is inflated. */
export interface DecodePngSamplesOptions {
  /** The width the file must have. */
  width?: number;
  /** The height the file must have. */
  height?: number;
  /** The most pixels accepted (default 2^26, 8192 x 8192). */
  maxPixels?: number;
}

/** A PNG's samples as stored: no scaling, no palette lookup. */
export interface PngSamples {
  width: number;
  height: number;
  /** The file's colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: number;
  /** Bits a sample: 1, 2, 4, 8 or 16. */
  depth: number;
  /** Samples a pixel (1 grey / palette, 2 grey + alpha, 3 RGB, 4 RGBA). */
  samplesPerPixel: number;
  /** `width * height * samplesPerPixel` values row-major, each in 0 .. 2^depth - 1 (palette: the index). */
  data: Uint16Array;
  /** PLTE: RGB triples (palette PNGs). */
  palette: Uint8Array | null;
  /** tRNS, as stored. */
  transparency: Uint8Array | null;
}

/**
 * Decodes a PNG to the sample values it stores, unscaled: a 1-bit grey pixel is 0 or 1, a 16-bit
 * one 0..65535, a palette pixel its index. This is how class-index masks must be read (an 8-bit
 * decoder scales 1-bit 1 to 255 and drops 16-bit low bytes). Width, height and the pixel ceiling
 * are checked on the header before anything is inflated; every chunk CRC is checked, and a zlib
 * stream that is broken or not exactly the header's size is an error. Interlaced files are read.
 *
 * @param bytes The PNG file's bytes.
 * @param options Expected width and height, pixel ceiling.
 * @returns The samples, colour type, depth, palette and transparency.
 * @throws PngError naming what was expected and found (callers add the file name).
 * @example
 * ```ts
 * const s = decodePngSamples(await readFile('masks/a.png'), { width: 256, height: 256 });
 * if (s.colorType === 0) console.log('class of pixel 0:', s.data[0]);
 * ```
 */
export function decodePngSamples(bytes: Uint8Array, options: DecodePngSamplesOptions = {}): PngSamples {
  const parts = _pngParts(bytes);
  _checkSize(parts, options);
  const raw = _inflateIdat(parts);
  const { width, height, depth, colorType } = parts;
  const spp = _SAMPLES[colorType];
  const data = new Uint16Array(width * height * spp);
  const bitsPP = spp * depth;
  const bpp = Math.max(1, bitsPP >> 3);
  let pos = 0;
  const pass = (x0: number, y0: number, dx: number, dy: number): void => {
    const pw = Math.ceil((width - x0) / dx);
    const ph = Math.ceil((height - y0) / dy);
    if (pw <= 0 || ph <= 0) return;
    const stride = Math.ceil((pw * bitsPP) / 8);
    let prev: Uint8Array = new Uint8Array(stride);
    for (let r = 0; r < ph; r++) {
      const filter = raw[pos];
      const line = raw.subarray(pos + 1, pos + 1 + stride);
      pos += 1 + stride;
      _unfilter(filter, line, prev, bpp, r, y0 + r * dy);
      const y = y0 + r * dy;
      for (let c = 0; c < pw; c++) {
        const o = ((y * width) + x0 + c * dx) * spp;
        for (let s = 0; s < spp; s++) {
          const k = c * spp + s;
          let v: number;
          if (depth === 8) v = line[k];
          else if (depth === 16) v = (line[2 * k] << 8) | line[2 * k + 1];
          else {
            const bit = k * depth;
            v = (line[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
          }
          data[o + s] = v;
        }
      }
      prev = line;
    }
  };
  if (parts.interlace) for (const [x0, y0, dx, dy] of _ADAM7) pass(x0, y0, dx, dy);
  else pass(0, 0, 1, 1);
  return { width, height, colorType, depth, samplesPerPixel: spp, data, palette: parts.palette, transparency: parts.transparency };
}

function _unfilter(filter: number, line: Uint8Array, prev: Uint8Array, bpp: number, r: number, y: number): void {
  const n = line.length;
  switch (filter) {
    case 0: break;
    case 1: for (let i = bpp; i < n; i++) line[i] = (line[i] + line[i - bpp]) & 0xff; break;
    case 2: for (let i = 0; i < n; i++) line[i] = (line[i] + prev[i]) & 0xff; break;
    case 3: for (let i = 0; i < n; i++) line[i] = (line[i] + (((i >= bpp ? line[i - bpp] : 0) + prev[i]) >> 1)) & 0xff; break;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? line[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        line[i] = (line[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
      break;
    default:
      throw new PngError(`not a readable PNG (row ${y} (scanline ${r} of its pass) has filter type ${filter}; PNG has 0 to 4)`, { expected: 'filter type 0..4', found: `filter type ${filter}` });
  }
}
