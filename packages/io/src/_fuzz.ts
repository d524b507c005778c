// The PNG fuzzer (issue 20): seeded mutations of masks and images, each read four ways with the
// limits checked. Used by fuzz.test.ts (a bounded count) and _fuzz-bench.ts (a larger run).
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { decodeClassMask } from './decode-class-mask.js';
import { decodePng } from './decode-png.js';
import { decodePngSamples } from './decode-png-samples.js';
import { PngError } from './png-error.js';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** Recomputes every chunk CRC (so a mutation reaches the code after the CRC check). */
export function _fixCrcs(b: Uint8Array): Uint8Array {
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
export function _rng(seed: string): () => number {
  let k = 0;
  let buf = Buffer.alloc(0);
  return () => {
    if (buf.length < 4) buf = createHash('sha256').update(`${seed}:${k++}`).digest();
    const v = buf.readUInt32LE(0) / 2 ** 32;
    buf = buf.subarray(4);
    return v;
  };
}

export function _mutatePng(src: Uint8Array, r: () => number): Uint8Array {
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
  return int(4) ? _fixCrcs(b) : b;
}


/** What a PNG fuzz run found. */
export interface _PngFuzzReport {
  reads: number;
  refused: number;
  worstMs: number;
  worstCase: string;
  worstRssGrowthMB: number;
  peakRssMB: number;
  failures: string[];
}

/**
 * Reads `count` mutations of each seed with decodePng (sized and unsized), decodePngSamples and
 * decodeClassMask (expected size `width` x `height`, 3 classes, `colors`): each must give pixels
 * or a PngError within `maxMs`, growing the peak RSS by less than `maxRssMB`.
 */
export function _fuzzPng(seeds: [string, Uint8Array][], count: number, seed: string, mask: { width: number; height: number; colors: number[][] }, limits = { maxMs: 2000, maxRssMB: 512 }): _PngFuzzReport {
  const r: _PngFuzzReport = { reads: 0, refused: 0, worstMs: 0, worstCase: '', worstRssGrowthMB: 0, peakRssMB: 0, failures: [] };
  const { width, height, colors } = mask;
  for (const [name, src] of seeds) {
    const next = _rng(`${seed}-${name}`);
    for (let k = 0; k < count; k++) {
      const b = _mutatePng(src, next);
      const reads: [string, () => unknown][] = [
        ['decodePng sized', () => decodePng(b, { width, height })],
        ['decodePng', () => decodePng(b, { maxPixels: 2048 * 2048 })],
        ['decodePngSamples', () => decodePngSamples(b, { maxPixels: 2048 * 2048 })],
        ['decodeClassMask', () => decodeClassMask(b, { width, height, numClasses: 3, colors })],
      ];
      for (const [how, read] of reads) {
        const id = `${name}#${k} ${how}`;
        const rss0 = process.resourceUsage().maxRSS / 1024;
        const t0 = performance.now();
        try {
          read();
        } catch (e) {
          r.refused++;
          if (!(e instanceof PngError)) r.failures.push(`${id}: not a PngError: ${(e as Error)?.message ?? e}`);
        }
        const ms = performance.now() - t0;
        const grew = process.resourceUsage().maxRSS / 1024 - rss0;
        r.reads++;
        if (ms > r.worstMs) { r.worstMs = ms; r.worstCase = id; }
        r.worstRssGrowthMB = Math.max(r.worstRssGrowthMB, grew);
        if (ms > limits.maxMs) r.failures.push(`${id}: ${ms.toFixed(0)} ms`);
        if (grew > limits.maxRssMB) r.failures.push(`${id}: peak RSS grew ${grew.toFixed(0)} MB`);
      }
    }
  }
  r.peakRssMB = process.resourceUsage().maxRSS / 1024;
  return r;
}
