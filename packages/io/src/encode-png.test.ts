import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodePng } from './encode-png.js';
import { PngError } from './png-error.js';

/** Seeded bytes (a linear congruential generator). */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** The encoders the packages carried before @ganseg/io, verbatim: the output must not change. */
function legacyRgb(rgb: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}
function legacyGrey(v: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}
function legacyRgba(rgba: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 6 });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png, { colorType: 6 });
}

describe('encodePng', () => {
  it('writes the same bytes as the encoders it replaces (grey, RGB, RGBA)', () => {
    for (const [w, h] of [[1, 1], [7, 5], [64, 48]]) {
      const grey = bytes(w * h, w);
      const rgb = bytes(w * h * 3, h);
      const rgba = bytes(w * h * 4, w + h);
      expect(encodePng({ data: grey, width: w, height: h, channels: 1 }).equals(legacyGrey(grey, w, h))).toBe(true);
      expect(encodePng({ data: rgb, width: w, height: h, channels: 3 }).equals(legacyRgb(rgb, w, h))).toBe(true);
      expect(encodePng({ data: rgba, width: w, height: h, channels: 4 }).equals(legacyRgba(rgba, w, h))).toBe(true);
    }
  });

  it('is deterministic: the same pixels give the same bytes', () => {
    const a = encodePng({ data: bytes(300, 2), width: 10, height: 10, channels: 3 });
    const b = encodePng({ data: bytes(300, 2), width: 10, height: 10, channels: 3 });
    expect(a.equals(b)).toBe(true);
  });

  it('writes colour type 0 / 2 / 6 at 8 bits and round-trips through pngjs', () => {
    const grey = Uint8Array.of(0, 1, 2, 255, 7, 0);
    for (const [channels, colorType] of [[1, 0], [3, 2], [4, 6]] as const) {
      const data = channels === 1 ? grey : bytes(6 * channels, channels);
      const png = PNG.sync.read(encodePng({ data, width: 3, height: 2, channels })) as PNG & { colorType: number; depth: number };
      expect([png.width, png.height, png.colorType, png.depth]).toEqual([3, 2, colorType, 8]);
      for (let i = 0; i < 6; i++) for (let c = 0; c < channels; c++) expect(png.data[4 * i + c]).toBe(data[channels * i + c]);
    }
  });

  it('encodes a view into a larger buffer (byteOffset honoured)', () => {
    const big = bytes(100, 3);
    const view = big.subarray(10, 10 + 12);
    expect(encodePng({ data: view, width: 2, height: 2, channels: 3 }).equals(legacyRgb(view.slice(), 2, 2))).toBe(true);
  });

  it('refuses a wrong byte count or channel count, saying what it expected', () => {
    expect(() => encodePng({ data: new Uint8Array(5), width: 3, height: 2, channels: 1 })).toThrow(PngError);
    expect(() => encodePng({ data: new Uint8Array(5), width: 3, height: 2, channels: 1 })).toThrow(/5 bytes for a 3x2 image of 1 channel\(s\); expected .* = 6 bytes/);
    expect(() => encodePng({ data: new Uint8Array(12), width: 3, height: 2, channels: 2 as 1 })).toThrow(/2 channels; expected 1 \(grey\), 3 \(RGB\) or 4 \(RGBA\)/);
    expect(() => encodePng({ data: new Uint8Array(0), width: 0, height: 0, channels: 3 })).toThrow(/positive integer size/);
  });
});
