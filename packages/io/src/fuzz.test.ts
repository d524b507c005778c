// Fuzz (issue 20): seeded mutations of masks and images (bit flips, truncations, huge sizes in
// IHDR, random filter bytes and recompressed data with the CRCs made valid again, so that the
// zlib, filter and sample paths are reached, not only the CRC check). Every read succeeds or
// throws a PngError, within 2 s and 512 MB of peak RSS growth. A larger run:
// `node dist/_fuzz-bench.js`.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodePng } from './encode-png.js';
import { _fuzzPng } from './_fuzz.js';
import { HOSTILE, hostileExpected, hostilePng } from './_test_hostile.js';

const image = encodePng({ data: Uint8Array.from({ length: 8 * 6 * 3 }, (_, i) => (i * 29) & 0xff), width: 8, height: 6, channels: 3 });
const seeds: [string, Uint8Array][] = [
  ...readdirSync(HOSTILE).filter((n) => n.endsWith('.png')).map((n) => [n, new Uint8Array(hostilePng(n))] as [string, Uint8Array]),
  ['rgb-image.png', image],
];

describe('fuzz: mutated masks and images give a PngError or pixels, bounded in time and memory', () => {
  it.each(seeds)('%s', (name, src) => {
    const r = _fuzzPng([[name, src]], 40, 'io-fuzz', hostileExpected);
    expect(r.failures).toEqual([]);
    expect(r.reads).toBe(160);
    expect(r.refused).toBeGreaterThan(0);
  });
});
