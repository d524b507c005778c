// The `train-gan` task: trains a StyleGAN on rendered ganTrain images (never masks), with the
// settings of config.json `gan` (street scenes, the shipped generator) or `ganCarCentric`
// (`--layout car-centric`), checkpointing to results/gan/ or results/gan-car-centric/
// (resumable: run it again after a stop, raise the steps to continue) and finally writing the EMA
// generator to weights/generator/ or weights/generator-car-centric/.
// Usage: node dist/_main-train-gan.js [--layout street|car-centric] [--steps N] [--workers N]
//        [--out DIR] [--weights DIR]
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@ganseg/runtime';
import { saveGenerator } from '@ganseg/stylegan';
import { trainStyleGAN } from '@ganseg/stylegan-trainer';
import { renderScene } from './render-scene.js';
import type { SceneLayout } from './render-scene.js';
import { CAR_SEED_RANGES } from './seed-ranges.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cfg = JSON.parse(readFileSync(path.join(root, 'config.json'), 'utf8')) as {
  size: number;
  gan: Record<string, number>;
  ganCarCentric: Record<string, number>;
};
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const layout = (arg('--layout') ?? 'street') as SceneLayout;
if (layout !== 'street' && layout !== 'car-centric') throw new RangeError(`--layout ${layout}: expected street or car-centric.`);
const centric = layout === 'car-centric';
const g = centric ? cfg.ganCarCentric : cfg.gan;
const steps = Number(arg('--steps') ?? g.steps);
// worker threads sharing each step's batch (the weights are the one-thread run's up to rounding)
const workers = Number(arg('--workers') ?? g.workers ?? 1);
const out = path.resolve(arg('--out') ?? path.join(root, 'results', centric ? 'gan-car-centric' : 'gan'));
const info = await initBackend();
console.log(`backend ${info.backend} (${info.reason}); native ${info.native.enabled ? `oneDNN ${info.native.onednn} (${info.native.threads} thread(s))` : `off (${info.native.reason})`}; layout ${layout}; ${steps} steps of ${g.batch} images on ${workers} worker(s) -> ${out}`);
const { start, n } = CAR_SEED_RANGES.ganTrain;
// image i of the run: a fixed permutation of the ganTrain seeds (7919 is prime, coprime with n);
// each rendered once and kept (20,000 x 12 KB at 64 px: 250 MB), which saves ~20 ms an image
const cache = new Map<number, Uint8Array>();
const image = (i: number) => {
  const seed = start + ((i * 7919) % n);
  let im = cache.get(seed);
  if (!im) {
    im = renderScene(seed, { size: g.resolution, variant: 'binary', layout }).image;
    cache.set(seed, im);
  }
  return im;
};
const t0 = Date.now();
let lastPrint = 0;
const { generator, step } = await trainStyleGAN({
  images: image,
  config: {
    resolution: g.resolution, latentSize: g.latentSize, dlatentSize: g.dlatentSize, mappingLayers: g.mappingLayers,
    mappingFmaps: g.mappingFmaps, fmapBase: g.fmapBase, fmapMax: g.fmapMax, ...(g.fmapDecay !== undefined ? { fmapDecay: g.fmapDecay } : {}),
  },
  steps,
  batch: g.batch,
  workers,
  seed: g.seed,
  r1Gamma: g.r1Gamma,
  r1Every: g.r1Every ?? 1,
  lr: g.lr ?? 0.002,
  ...(g.styleMixingProb !== undefined ? { styleMixingProb: g.styleMixingProb } : {}),
  ...(g.emaHalfLifeImages !== undefined ? { emaHalfLifeImages: g.emaHalfLifeImages } : {}),
  checkpointEvery: g.checkpointEvery ?? 250,
  out,
  onProgress: (p) => {
    if (Date.now() - lastPrint > 10000 || p.step === p.steps) {
      lastPrint = Date.now();
      const eta = (p.steps - p.step) * p.secondsPerStep;
      console.log(`step ${p.step}/${p.steps}  D ${p.dLoss.toFixed(3)}  G ${p.gLoss.toFixed(3)}  R1 ${Number.isNaN(p.r1) ? '-' : p.r1.toFixed(4)}  ${p.secondsPerStep.toFixed(2)} s/step  ${(g.batch / p.secondsPerStep).toFixed(2)} img/s  eta ${(eta / 60).toFixed(1)} min`);
    }
  },
});
const dest = path.resolve(arg('--weights') ?? path.join(root, 'weights', centric ? 'generator-car-centric' : 'generator'));
await fs.mkdir(path.dirname(dest), { recursive: true });
await saveGenerator(generator, dest);
generator.dispose();
console.log(`trained ${step} steps in ${((Date.now() - t0) / 60000).toFixed(1)} min; generator -> ${dest}`);
