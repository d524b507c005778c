import { describe, expect, it } from 'vitest';
import { decodePngSamples } from './decode-png-samples.js';
import { encodePng } from './encode-png.js';
import { hostileExpected, hostilePng } from './_test_hostile.js';

const MB = 1024 * 1024;

describe('decodePngSamples', () => {
  it.each(['grey16.png', 'grey1.png', 'grey2.png', 'grey4.png', 'grey8-interlaced.png', 'palette.png'])('%s: the stored values, unscaled', (name) => {
    const s = decodePngSamples(hostilePng(name));
    expect(Array.from(s.data)).toEqual(hostileExpected.masks[name]);
  });

  it('agrees with encodePng on RGB data, and returns RGBA 16-bit samples as stored', () => {
    const rgb = Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 37) & 0xff);
    const s = decodePngSamples(encodePng({ data: rgb, width: 5, height: 4, channels: 3 }));
    expect([s.colorType, s.depth, s.samplesPerPixel]).toEqual([2, 8, 3]);
    expect(Array.from(s.data)).toEqual(Array.from(rgb));
    const r = decodePngSamples(hostilePng('rgba16.png'));
    expect([r.colorType, r.depth]).toEqual([6, 16]);
    expect(r.data[3]).toBe(0); // pixel 0 is ignore: alpha 0
  });

  it('checks the claimed size before inflating: a 68-byte file claiming 30000x30000, a 260 KB interlaced bomb', () => {
    for (const [name, opts] of [['huge-claim.png', { width: 8, height: 6 }], ['huge-claim.png', {}], ['interlaced-bomb.png', { width: 256, height: 256 }], ['interlaced-bomb.png', { maxPixels: 4096 * 4096 }]] as const) {
      const rss0 = process.resourceUsage().maxRSS * 1024;
      const t0 = performance.now();
      expect(() => decodePngSamples(hostilePng(name), opts)).toThrow(/expected 8x6|over the limit|expected 256x256/);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(process.resourceUsage().maxRSS * 1024 - rss0).toBeLessThan(300 * MB);
    }
  });

  it('a broken zlib stream and a CRC mismatch are errors, not zeros', () => {
    expect(() => decodePngSamples(hostilePng('broken-zlib.png'))).toThrow(/does not inflate to the 54 bytes/);
    expect(() => decodePngSamples(hostilePng('bad-crc.png'))).toThrow(/CRC mismatch in chunk IDAT/);
  });
});
