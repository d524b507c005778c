// The larger PNG fuzz run (issue 20): `node dist/_fuzz-bench.js [mutations a seed, default 500] [seed]`.
// Prints one JSON line: reads, refused, worst time (ms, and the case), the largest growth of the
// peak RSS during one read, the process's peak RSS, and failures (must be none).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './encode-png.js';
import { _fuzzPng } from './_fuzz.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'hostile');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
const seeds: [string, Uint8Array][] = readdirSync(dir).filter((n) => n.endsWith('.png')).map((n) => [n, new Uint8Array(readFileSync(path.join(dir, n)))]);
seeds.push(['rgb-image.png', encodePng({ data: Uint8Array.from({ length: 64 * 48 * 3 }, (_, i) => (i * 29) & 0xff), width: 64, height: 48, channels: 3 })]);
const count = Number(process.argv[2] ?? 500);
const t0 = performance.now();
const r = _fuzzPng(seeds, count, process.argv[3] ?? 'fuzz-bench', expected);
console.log(JSON.stringify({
  bench: 'fuzz-png', seeds: seeds.length, cases: seeds.length * count, ...r, worstMs: +r.worstMs.toFixed(1), peakRssMB: +r.peakRssMB.toFixed(0),
  worstRssGrowthMB: +r.worstRssGrowthMB.toFixed(0), seconds: +((performance.now() - t0) / 1000).toFixed(1), failures: r.failures.slice(0, 20),
}));
process.exitCode = r.failures.length ? 1 : 0;
