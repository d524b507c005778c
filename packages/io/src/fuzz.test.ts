// Fuzz (issue 20): seeded mutations of masks and images (bit flips, truncations, huge sizes in
// IHDR, random filter bytes and recompressed data with the CRCs made valid again, so that the
// zlib, filter and sample paths are reached, not only the CRC check). Every read succeeds or
// throws a PngError, within 2 s and 512 MB of peak RSS growth.
import { readdirSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { decodeClassMask } from './decode-class-mask.js';
import { decodePng } from './decode-png.js';
import { decodePngSamples } from './decode-png-samples.js';
import { encodePng } from './encode-png.js';
import { PngError } from './png-error.js';
import { HOSTILE, hostileExpected, hostilePng } from './_test_hostile.js';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** Recomputes every chunk CRC (so a mutation reaches the code after the CRC check). */
function fixCrcs(b: Uint8Array): Uint8Array {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let p = 8; p + 12 <= b.length;) {
    const len = dv.getUint32(p);
    if (len > b.length - p - 12) break;
    let c = 0xffffffff;
    for (let i = p + 4; i < p + 8 + len; i++) c = CRC[(c ^ b[i]) & 0xff] ^ (c >>> 8);
    dv.setUint32(p + 8 + len, (c ^ 0xffffffff) >>> 0);
    p += 12 + len;
  }
  return b;
}

/** A deterministic stream of numbers in [0, 1) (sha256 counter). */
function rng(seed: string): () => number {
  let k = 0;
  let buf = Buffer.alloc(0);
  return () => {
    if (buf.length < 4) buf = createHash('sha256').update(`${seed}:${k++}`).digest();
    const v = buf.readUInt32LE(0) / 2 ** 32;
    buf = buf.subarray(4);
    return v;
  };
}

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  const int = (n: number) => Math.floor(r() * n);
  let b = Uint8Array.from(src);
  const dv = () => new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (int(7)) {
    case 0: for (let k = 0, n = 1 + int(6); k < n; k++) b[int(b.length)] ^= 1 << int(8); break;
    case 1: b = b.subarray(0, int(b.length)); break;
    case 2: if (b.length > 24) { dv().setUint32(16, [1, 30000, 65535, 0x7fffffff, 8192][int(5)]); dv().setUint32(20, [1, 30000, 3, 0x7fffffff, 8192][int(5)]); } break; // IHDR size
    case 3: if (b.length > 28) { b[24] = [1, 2, 4, 8, 16, 3][int(6)]; b[25] = [0, 2, 3, 4, 6, 5][int(6)]; b[28] = int(3); } break; // depth, colour type, interlace
    case 4: { // the first IDAT recompressed with random filter bytes / random data
      const d = dv();
      for (let p = 8; p + 12 <= b.length;) {
        const len = d.getUint32(p);
        if (String.fromCharCode(...b.subarray(p + 4, p + 8)) === 'IDAT' && len <= b.length - p - 12) {
          let raw: Uint8Array;
          try { raw = new Uint8Array(inflateSync(b.subarray(p + 8, p + 8 + len), { maxOutputLength: 1 << 20 })); } catch { break; } // (not the bomb: that would time the fuzzer)
          for (let k = 0, n = 1 + int(8); k < n; k++) raw[int(raw.length)] = int(2) ? int(7) : int(256);
          if (int(3) === 0) raw = raw.subarray(0, int(raw.length));
          const z = new Uint8Array(deflateSync(raw));
          const out = new Uint8Array(b.length - len + z.length);
          out.set(b.subarray(0, p));
          new DataView(out.buffer).setUint32(p, z.length);
          out.set(b.subarray(p + 4, p + 8), p + 4);
          out.set(z, p + 8);
          out.set(b.subarray(p + 8 + len), p + 8 + z.length);
          b = out;
          break;
        }
        p += 12 + len;
      }
      break;
    }
    case 5: b.fill(0, int(b.length), int(b.length) + 1 + int(16)); break;
    default: b[int(b.length)] = int(256);
  }
  return int(4) ? fixCrcs(b) : b;
}

const image = encodePng({ data: Uint8Array.from({ length: 8 * 6 * 3 }, (_, i) => (i * 29) & 0xff), width: 8, height: 6, channels: 3 });
const seeds: [string, Uint8Array][] = [
  ...readdirSync(HOSTILE).filter((n) => n.endsWith('.png')).map((n) => [n, new Uint8Array(hostilePng(n))] as [string, Uint8Array]),
  ['rgb-image.png', image],
];

describe('fuzz: mutated masks and images give a PngError or pixels, bounded in time and memory', () => {
  it.each(seeds)('%s', (name, src) => {
    const r = rng(`io-fuzz-${name}`);
    const { width, height, colors } = hostileExpected;
    let refused = 0;
    for (let k = 0; k < 40; k++) {
      const b = mutate(src, r);
      const reads: (() => unknown)[] = [
        () => decodePng(b, { width, height }),
        () => decodePng(b, { maxPixels: 2048 * 2048 }),
        () => decodePngSamples(b, { maxPixels: 2048 * 2048 }),
        () => decodeClassMask(b, { width, height, numClasses: 3, colors }),
      ];
      for (const read of reads) {
        const rss0 = process.resourceUsage().maxRSS * 1024;
        const t0 = performance.now();
        try { read(); } catch (e) {
          refused++;
          if (!(e instanceof PngError)) throw new Error(`${name}#${k}: not a PngError: ${(e as Error)?.stack ?? e}`);
        }
        expect(performance.now() - t0, `${name}#${k}`).toBeLessThan(2000);
        expect(process.resourceUsage().maxRSS * 1024 - rss0, `${name}#${k}`).toBeLessThan(512 * 1024 * 1024);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
