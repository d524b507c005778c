import { inflateSync } from 'node:zlib';
import { PngError } from './png-error.js';

/** The IHDR fields of a PNG. */
export interface _Ihdr {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlace: number;
}

/** A PNG split into its chunks, every CRC checked. */
export interface _PngParts extends _Ihdr {
  idat: Buffer[];
  palette: Uint8Array | null;
  transparency: Uint8Array | null;
}

const SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** Samples a pixel, per colour type. */
export const _SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes: x0, y0, dx, dy. */
export const _ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function _crc(b: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Reads and checks the signature and IHDR only (the first 33 bytes). */
export function _readIhdr(bytes: Uint8Array): _Ihdr {
  const bad = (found: string): never => {
    throw new PngError(`not a readable PNG (${found})`, { expected: 'a PNG file (signature, then IHDR)', found });
  };
  if (bytes.length < 33 || SIG.some((v, i) => bytes[i] !== v)) bad(bytes.length < 33 ? `${bytes.length} bytes, too short` : 'no PNG signature');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(8) !== 13 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') bad('the first chunk is not a 13-byte IHDR');
  if (_crc(bytes, 12, 29) !== dv.getUint32(29)) bad('IHDR CRC mismatch: the file is damaged');
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  const depth = bytes[24];
  const colorType = bytes[25];
  const interlace = bytes[28];
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) bad(`size ${width}x${height}`);
  if (!DEPTHS[colorType]?.includes(depth)) bad(`colour type ${colorType} with bit depth ${depth}`);
  if (bytes[26] !== 0 || bytes[27] !== 0 || interlace > 1) bad(`compression ${bytes[26]}, filter ${bytes[27]}, interlace ${interlace}`);
  return { width, height, depth, colorType, interlace };
}

/** Checks the header against the limits, before anything is inflated. */
export function _checkSize(h: _Ihdr, limits: { width?: number; height?: number; maxPixels?: number }): void {
  if ((limits.width !== undefined && h.width !== limits.width) || (limits.height !== undefined && h.height !== limits.height)) {
    throw new PngError(`is ${h.width}x${h.height}; expected ${limits.width ?? h.width}x${limits.height ?? h.height}`, {
      expected: `${limits.width ?? h.width}x${limits.height ?? h.height}`,
      found: `${h.width}x${h.height}`,
    });
  }
  const max = limits.maxPixels ?? _MAX_PIXELS;
  if (h.width * h.height > max) {
    throw new PngError(`is ${h.width}x${h.height} (${h.width * h.height} pixels), over the limit of ${max} pixels`, {
      expected: `at most ${max} pixels`,
      found: `${h.width}x${h.height}`,
    });
  }
}

/** Default pixel ceiling (2^26: 8192 x 8192, a 256 MB RGBA decode). */
export const _MAX_PIXELS = 2 ** 26;

/** Splits the chunks, checking every CRC; IDAT data is kept, not inflated. */
export function _pngParts(bytes: Uint8Array): _PngParts {
  const h = _readIhdr(bytes);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Buffer[] = [];
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  let p = 33;
  let ended = false;
  while (p + 12 <= bytes.length) {
    const len = dv.getUint32(p);
    const type = String.fromCharCode(...bytes.subarray(p + 4, p + 8));
    if (len > bytes.length - p - 12) {
      throw new PngError(`not a readable PNG (chunk ${type} at byte ${p} claims ${len} bytes, past the end of the file)`, { expected: 'a complete PNG', found: 'a truncated file' });
    }
    if (_crc(bytes, p + 4, p + 8 + len) !== dv.getUint32(p + 8 + len)) {
      throw new PngError(`not a readable PNG (CRC mismatch in chunk ${type} at byte ${p}: the file is damaged)`, { expected: 'matching chunk CRCs', found: `a bad ${type} CRC` });
    }
    const data = bytes.subarray(p + 8, p + 8 + len);
    if (type === 'IDAT') idat.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IEND') { ended = true; break; }
    p += 12 + len;
  }
  if (!ended) throw new PngError('not a readable PNG (no IEND chunk: the file is truncated)', { expected: 'a complete PNG', found: 'a truncated file' });
  if (idat.length === 0) throw new PngError('not a readable PNG (no IDAT chunk)', { expected: 'image data', found: 'none' });
  if (h.colorType === 3 && !palette) throw new PngError('not a readable PNG (a palette PNG without PLTE)', { expected: 'a PLTE chunk', found: 'none' });
  return { ...h, idat, palette, transparency };
}

/** Bytes of the filtered scanlines a PNG of this header holds (all interlace passes). */
export function _rawSize(h: _Ihdr): number {
  const bits = _SAMPLES[h.colorType] * h.depth;
  const rows = (w: number, hh: number): number => (w > 0 && hh > 0 ? hh * (1 + Math.ceil((w * bits) / 8)) : 0);
  if (!h.interlace) return rows(h.width, h.height);
  let n = 0;
  for (const [x0, y0, dx, dy] of _ADAM7) n += rows(Math.ceil((h.width - x0) / dx), Math.ceil((h.height - y0) / dy));
  return n;
}

/** Inflates the IDAT stream to exactly its expected size: a broken, short or long stream is an error. */
export function _inflateIdat(parts: _PngParts): Buffer {
  const want = _rawSize(parts);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(parts.idat), { maxOutputLength: want });
  } catch (e) {
    throw new PngError(`not a readable PNG (its image data does not inflate to the ${want} bytes its header needs: ${(e as Error).message})`, {
      expected: `${want} bytes of image data`,
      found: 'a broken zlib stream',
      cause: e,
    });
  }
  if (raw.length !== want) {
    throw new PngError(`not a readable PNG (its image data inflates to ${raw.length} bytes; its header needs ${want})`, { expected: `${want} bytes`, found: `${raw.length} bytes` });
  }
  return raw;
}
