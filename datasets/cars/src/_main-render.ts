// The `render` task: writes the real (rendered) datasets of every arm into data/<range>-<variant>/
// from the seed ranges of config.json. Usage: node dist/_main-render.js [range ...]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { carSeeds } from './seed-ranges.js';
import type { CarSeedRangeName } from './seed-ranges.js';
import { writeRealDataset } from './write-real-dataset.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cfg = JSON.parse(readFileSync(path.join(root, 'config.json'), 'utf8')) as { size: number };
const asked = process.argv.slice(2) as CarSeedRangeName[];
const ranges: CarSeedRangeName[] = asked.length ? asked : ['baseline', 'test', 'teacherTrain'];
for (const name of ranges) {
  for (const variant of ['binary', 'multi'] as const) {
    const out = path.join(root, 'data', `${name}-${variant}`);
    const t0 = Date.now();
    let last = 0;
    const res = await writeRealDataset(out, {
      seeds: carSeeds(name),
      size: cfg.size,
      variant,
      onProgress: (d, n) => {
        if (d === n || Date.now() - last > 2000) {
          last = Date.now();
          process.stdout.write(`\r${name}-${variant}: ${d}/${n}`);
        }
      },
    });
    console.log(`\r${name}-${variant}: ${res.count} scenes (${res.skipped} kept) in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${out}`);
  }
}
