// The `render` task: writes the real (rendered) datasets of every arm into data/<range>-<variant>/
// (with `--layout car-centric`: data/car-centric/<range>-<variant>/) from the seed ranges of
// config.json. Usage: node dist/_main-render.js [--layout street|car-centric] [range ...]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SceneLayout } from './render-scene.js';
import { carSeeds } from './seed-ranges.js';
import type { CarSeedRangeName } from './seed-ranges.js';
import { writeRealDataset } from './write-real-dataset.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cfg = JSON.parse(readFileSync(path.join(root, 'config.json'), 'utf8')) as { size: number };
const argv = process.argv.slice(2);
const li = argv.indexOf('--layout');
const layout = (li >= 0 ? argv.splice(li, 2)[1] : 'street') as SceneLayout;
const asked = argv as CarSeedRangeName[];
const ranges: CarSeedRangeName[] = asked.length ? asked : ['baseline', 'test', 'teacherTrain'];
for (const name of ranges) {
  for (const variant of ['binary', 'multi'] as const) {
    const out = layout === 'street' ? path.join(root, 'data', `${name}-${variant}`) : path.join(root, 'data', layout, `${name}-${variant}`);
    const t0 = Date.now();
    let last = 0;
    const res = await writeRealDataset(out, {
      seeds: carSeeds(name),
      size: cfg.size,
      variant,
      layout,
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
