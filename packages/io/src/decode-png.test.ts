import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pngFromChunks } from '@ganseg/test-util';
import { decodePng } from './decode-png.js';
import { encodePng } from './encode-png.js';
import { PngError } from './png-error.js';

/** A 2x1 palette PNG (colour type 3, 8 bits): index 0 = (10, 20, 30), index 1 = (40, 50, 60). pngjs cannot write these. */
function palettePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  return pngFromChunks([['IHDR', ihdr], ['PLTE', Uint8Array.of(10, 20, 30, 40, 50, 60)], ['IDAT', deflateSync(Uint8Array.of(0, 0, 1))], ['IEND', new Uint8Array(0)]]);
}

describe('decodePng', () => {
  const rgb = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
  const rgbPng = encodePng({ data: rgb, width: 2, height: 2, channels: 3 });

  it('returns RGBA by default, RGB or the first channel when asked, with the colour type and depth', () => {
    const a = decodePng(rgbPng);
    expect([a.width, a.height, a.channels, a.colorType, a.depth]).toEqual([2, 2, 4, 2, 8]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255]);
    expect(Array.from(decodePng(rgbPng, { channels: 3 }).data)).toEqual(Array.from(rgb));
    expect(Array.from(decodePng(rgbPng, { channels: 1 }).data)).toEqual([1, 4, 7, 10]);
  });

  it('reads back a grey class-index mask exactly', () => {
    const mask = Uint8Array.of(0, 1, 2, 255, 7, 0);
    const d = decodePng(encodePng({ data: mask, width: 3, height: 2, channels: 1 }), { channels: 1 });
    expect([d.colorType, d.depth, d.channels]).toEqual([0, 8, 1]);
    expect(Array.from(d.data)).toEqual(Array.from(mask));
    expect(Array.from(decodePng(encodePng({ data: mask, width: 3, height: 2, channels: 1 }), { channels: 3 }).data.slice(9, 12))).toEqual([255, 255, 255]);
  });

  it('keeps alpha with 4 channels and drops it with 3', () => {
    const rgba = Uint8Array.of(9, 8, 7, 0, 6, 5, 4, 128);
    const png = encodePng({ data: rgba, width: 2, height: 1, channels: 4 });
    const d = decodePng(png);
    expect(d.colorType).toBe(6);
    expect(Array.from(d.data)).toEqual(Array.from(rgba));
    expect(Array.from(decodePng(png, { channels: 3 }).data)).toEqual([9, 8, 7, 6, 5, 4]);
  });

  it('reads 16-bit PNGs down to 8 bits and reports the depth', () => {
    const p = new PNG({ width: 1, height: 1, bitDepth: 16, colorType: 2, inputColorType: 2, inputHasAlpha: false });
    p.data = Buffer.from(new Uint16Array([0xffff, 0x8080, 0]).buffer);
    const d = decodePng(PNG.sync.write(p, { bitDepth: 16, colorType: 2, inputColorType: 2, inputHasAlpha: false }), { channels: 3 });
    expect(d.depth).toBe(16);
    expect(d.data.length).toBe(3);
  });

  it('reports a palette PNG (colour type 3) and expands its colours', () => {
    const d = decodePng(palettePng(), { channels: 3 });
    expect([d.width, d.height, d.colorType, d.depth]).toEqual([2, 1, 3, 8]);
    expect(Array.from(d.data)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('accepts a plain Uint8Array as well as a Buffer', () => {
    const plain = new Uint8Array(rgbPng.byteLength);
    plain.set(rgbPng);
    expect(Array.from(decodePng(plain, { channels: 3 }).data)).toEqual(Array.from(rgb));
  });

  it('throws PngError with pngjs reason for bytes that are not a PNG, and for a bad channel count', () => {
    expect(() => decodePng(Buffer.from('not a png'))).toThrow(PngError);
    expect(() => decodePng(Buffer.from('not a png'))).toThrow(/^not a readable PNG \(.+\)$/);
    expect(() => decodePng(rgbPng, { channels: 2 as 1 })).toThrow(/2 channels asked for; expected 1 \(grey\), 3 \(RGB\) or 4 \(RGBA\)/);
  });
});

describe('decodePng: limits before decoding, damage is an error', () => {
  it('checks the expected size and the pixel ceiling on the header; CRC and zlib errors are errors', async () => {
    const { hostilePng } = await import('./_test_hostile.js');
    const t0 = performance.now();
    expect(() => decodePng(hostilePng('huge-claim.png'), { width: 8, height: 6 })).toThrow(/is 30000x30000; expected 8x6/);
    expect(() => decodePng(hostilePng('huge-claim.png'), { maxPixels: 1 << 20 })).toThrow(/over the limit of 1048576 pixels/);
    expect(() => decodePng(hostilePng('interlaced-bomb.png'), { width: 512, height: 512 })).toThrow(/is 16384x16384/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(() => decodePng(hostilePng('broken-zlib.png'))).toThrow(/not a readable PNG \(its image data does not inflate/);
    expect(() => decodePng(hostilePng('bad-crc.png'))).toThrow(/CRC mismatch/);
    expect(decodePng(hostilePng('grey1.png'), { width: 8, height: 6 }).width).toBe(8);
  });
});
