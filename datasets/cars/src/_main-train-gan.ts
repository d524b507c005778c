// The `train-gan` task: trains the shipped StyleGAN on rendered ganTrain images (never masks),
// with the settings of config.json `gan`, checkpointing to results/gan/ (resumable: run it again
// after a stop) and finally writing the EMA generator to weights/generator/.
// Usage: node dist/_main-train-gan.js [--steps N] [--workers N] [--out DIR] [--weights DIR]
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@ganseg/runtime';
import { saveGenerator } from '@ganseg/stylegan';
import { trainStyleGAN } from '@ganseg/stylegan-trainer';
import { renderScene } from './render-scene.js';
import { CAR_SEED_RANGES } from './seed-ranges.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cfg = JSON.parse(readFileSync(path.join(root, 'config.json'), 'utf8')) as {
  size: number;
  gan: Record<string, number>;
};
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const g = cfg.gan;
const steps = Number(arg('--steps') ?? g.steps);
// worker threads sharing each step's batch (the weights are the one-thread run's up to rounding)
const workers = Number(arg('--workers') ?? g.workers ?? 1);
const out = path.resolve(arg('--out') ?? path.join(root, 'results', 'gan'));
const info = await initBackend();
console.log(`backend ${info.backend} (${info.reason}); ${steps} steps of ${g.batch} images on ${workers} worker(s) -> ${out}`);
const { start, n } = CAR_SEED_RANGES.ganTrain;
// image i of the run: a fixed permutation of the ganTrain seeds (7919 is prime, coprime with n)
const image = (i: number) => renderScene(start + ((i * 7919) % n), { size: g.resolution, variant: 'binary' }).image;
const t0 = Date.now();
let lastPrint = 0;
const { generator, step } = await trainStyleGAN({
  images: image,
  config: {
    resolution: g.resolution, latentSize: g.latentSize, dlatentSize: g.dlatentSize, mappingLayers: g.mappingLayers,
    mappingFmaps: g.mappingFmaps, fmapBase: g.fmapBase, fmapMax: g.fmapMax,
  },
  steps,
  batch: g.batch,
  workers,
  seed: g.seed,
  r1Gamma: g.r1Gamma,
  r1Every: g.r1Every ?? 1,
  lr: g.lr ?? 0.002,
  checkpointEvery: g.checkpointEvery ?? 250,
  out,
  onProgress: (p) => {
    if (Date.now() - lastPrint > 10000 || p.step === p.steps) {
      lastPrint = Date.now();
      const eta = (p.steps - p.step) * p.secondsPerStep;
      console.log(`step ${p.step}/${p.steps}  D ${p.dLoss.toFixed(3)}  G ${p.gLoss.toFixed(3)}  R1 ${Number.isNaN(p.r1) ? '-' : p.r1.toFixed(4)}  ${p.secondsPerStep.toFixed(2)} s/step  eta ${(eta / 60).toFixed(1)} min`);
    }
  },
});
const dest = path.resolve(arg('--weights') ?? path.join(root, 'weights', 'generator'));
await fs.mkdir(path.dirname(dest), { recursive: true });
await saveGenerator(generator, dest);
generator.dispose();
console.log(`trained ${step} steps in ${((Date.now() - t0) / 60000).toFixed(1)} min; generator -> ${dest}`);
