// The `experiment` task and the root's `npx pnpm demo`: the whole method on the embedded default
// (street scenes with cars, its own small StyleGAN and teacher), on a laptop CPU, compared with the
// supervised baseline; writes results/demo/ (report.md, metrics.json, curve.svg, grids).
// Usage: node dist/_main-demo.js [--quick] [--out <dir>] [--work <dir>] [--workers <n>]
//   --quick      tiny settings (seconds; for the test suite)
//   --out        report folder (default results/demo, or results/demo-quick)
//   --work       datasets and checkpoints (default .work/demo, or .work/demo-quick)
//   --workers    worker threads for synthesis (default 2)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExperiment, writeReport, type ExperimentConfig } from '@ganseg/experiment';
import { DEFAULT_TRUNCATION } from '@ganseg/stylegan';
import { carSeeds } from './seed-ranges.js';
import { writeRealDataset } from './write-real-dataset.js';

/**
 * The demo's experiment: the embedded default (street scenes with cars, its own small StyleGAN and
 * teacher), 20 annotations, one seed; `quick` shrinks every count for the test suite.
 */
function _demoConfig(root: string, work: string, out: string, quick: boolean, workers: number): ExperimentConfig {
  return {
    name: quick ? 'ganseg demo --quick (embedded default, tiny settings)' : 'ganseg demo: the embedded default (cars, 2 classes)',
    generator: path.join(root, 'weights', 'generator'),
    annotator: { teacher: path.join(root, 'weights', 'teacher') },
    realTrain: path.join(work, 'real-train'),
    realTest: path.join(work, 'real-test'),
    counts: [quick ? 4 : 20],
    seeds: [0],
    truncation: DEFAULT_TRUNCATION,
    // the decoder as the paper's own code trains it (seg_solver.py: Adam, lr 1e-4, no weight decay,
    // 24 epochs of one image); with the SGD of the paper's text it fits the teacher's 20 masks worse
    // (pixel accuracy 0.89 against 0.91 on them) and writes a third of the car pixels
    decoder: { arch: 'conv', epochs: quick ? 2 : 24, optimizer: 'adam', lr: 1e-4, weightDecay: 0, batchSize: 1 },
    synth: { n: quick ? 16 : 2000, dropUncertain: quick ? 0 : 0.1, workers },
    deeplab: { backbone: 'resnet18', width: quick ? 0.125 : 0.25, epochs: 1, batch: 8, crop: 64, lr: 0.01, wd: 1e-4, maxBaselineEpochs: quick ? 4 : 100 },
    gridImages: quick ? 4 : 8,
    out,
    work,
  };
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const quick = process.argv.includes('--quick');
  const work = path.resolve(arg('--work') ?? path.join(root, '.work', quick ? 'demo-quick' : 'demo'));
  const out = path.resolve(arg('--out') ?? path.join(root, 'results', quick ? 'demo-quick' : 'demo'));
  for (const w of ['generator', 'teacher']) {
    if (!existsSync(path.join(root, 'weights', w, 'model.json'))) {
      throw new Error(`the embedded ${w} is missing (${path.join(root, 'weights', w)}); make it with \`npx pnpm turbo run train-${w === 'generator' ? 'gan' : 'teacher'} --filter=@ganseg/dataset-cars\`.`);
    }
  }
  const t0 = Date.now();
  const log = (line: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  log(`demo: real images are rendered by datasets/cars; the ${quick ? 4 : 20} generated images are annotated by the teacher network (a DeepLabV3+ trained on rendered images), standing in for a person`);
  const cfg = _demoConfig(root, work, out, quick, Number(arg('--workers') ?? 2));
  await writeRealDataset(cfg.realTrain, { seeds: carSeeds('baseline', quick ? 8 : 20), size: 64, variant: 'binary' });
  await writeRealDataset(cfg.realTest, { seeds: carSeeds('test', quick ? 8 : 100), size: 64, variant: 'binary' });
  const result = await runExperiment(cfg, log);
  const files = await writeReport(cfg, result, `npx pnpm demo${quick ? ' -- --quick' : ''}`, [
    'the real images (train and held-out test) are rendered by datasets/cars from disjoint seed ranges',
    'the generated images were annotated by the teacher, a DeepLabV3+ trained on rendered images with their exact masks (as the paper used an ADE20K network for LSUN bedrooms)',
  ]);
  process.stdout.write(`\n${files.table}\nreport: ${files.report}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${(err as Error)?.message ?? String(err)}\n`);
  if (process.env.GANSEG_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
  process.exit(1);
});
