// The larger fuzz run (issue 20): `node dist/_fuzz-bench.js [mutations a seed, default 200] [seed]`.
// Fuzzes every checkpoint fixture of @ganseg/checkpoint-readers: `.pth` through
// readTorchCheckpoint, pickles and `.params` through readStyleGANCheckpoint.
// Prints one JSON line: cases, read, refused, worst time (ms, and the case), the largest growth
// of the peak RSS during one case, the process's peak RSS, executions (must be 0) and failures.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzCheckpointReader, readTorchCheckpoint, type FuzzSeed } from '@ganseg/checkpoint-readers';
import { createRng } from '@ganseg/runtime';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'checkpoint-readers', 'fixtures');
const names = [
  ...readdirSync(fixtures).filter((n) => /^tiny-.*\.(pkl|params|pth)$/.test(n)),
  ...readdirSync(path.join(fixtures, 'hostile')).map((n) => `hostile/${n}`),
];
const seeds: FuzzSeed[] = names.map((name) => ({
  name,
  read: name.endsWith('.pth') ? (b, file) => readTorchCheckpoint(b, file) : (b, file) => readStyleGANCheckpoint(b, { file }),
  bytes: new Uint8Array(readFileSync(path.join(fixtures, name))),
}));
const count = Number(process.argv[2] ?? 200);
const t0 = performance.now();
const r = await fuzzCheckpointReader(seeds, count, (name) => { const g = createRng(name); return () => g.uniform(); }, process.argv[3] ?? 'fuzz-bench');
console.log(JSON.stringify({
  bench: 'fuzz-readers', seeds: seeds.length, ...r, worstMs: +r.worstMs.toFixed(1), peakRssMB: +r.peakRssMB.toFixed(0),
  worstRssGrowthMB: +r.worstRssGrowthMB.toFixed(0), seconds: +((performance.now() - t0) / 1000).toFixed(1), failures: r.failures.slice(0, 20),
}));
process.exitCode = r.failures.length || r.executions ? 1 : 0;
