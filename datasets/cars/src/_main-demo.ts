// The `experiment` task and the root's `npx pnpm demo`: the whole method on the embedded default
// (car-centric renders, like LSUN cars; its own small StyleGAN and teacher), on a laptop CPU,
// compared with the supervised baseline over three seeds; writes results/demo/ (report.md,
// metrics.json, curve.svg, grids).
// Usage: node dist/_main-demo.js [--quick] [--layout car-centric|street] [--variant binary|multi]
//                                [--out <dir>] [--work <dir>] [--workers <n>]
//   --quick      tiny settings (seconds; for the test suite)
//   --layout     the domain (default car-centric; street is the harder one of the first demo)
//   --variant    class set (default binary: car and background, the paper's LSUN-cars setting)
//   --out        report folder (default results/demo[-<layout>][-<variant>], or results/demo-quick)
//   --work       datasets and checkpoints (default .work/<the same name>)
//   --workers    worker threads for synthesis (default 2)
//   --counts     numbers of annotated images (default 20), e.g. 5,10,20,50,100 for the paper's Figure 4
//   --synth      synthetic pairs of the method (default 2000)
//   --seeds      repetitions (default 0,1,2)
//   --mlp        add the DatasetGAN-style MLP ensemble decoder as a third arm
//   --name       the report's and the work folder's name (default demo[-street][-multi])
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExperiment, writeReport } from '@ganseg/experiment';
import type { CarVariant } from './car-classes.js';
import { carDemoConfig } from './demo-config.js';
import type { SceneLayout } from './render-scene.js';
import { writeRealDataset } from './write-real-dataset.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const quick = process.argv.includes('--quick');
  const layout = (arg('--layout') ?? 'car-centric') as SceneLayout;
  const variant = (arg('--variant') ?? 'binary') as CarVariant;
  if (layout !== 'car-centric' && layout !== 'street') throw new RangeError(`--layout ${layout}: expected car-centric or street.`);
  if (variant !== 'binary' && variant !== 'multi') throw new RangeError(`--variant ${variant}: expected binary or multi.`);
  const name = arg('--name') ?? (quick ? 'demo-quick' : ['demo', ...(layout === 'street' ? ['street'] : []), ...(variant === 'multi' ? ['multi'] : [])].join('-'));
  const counts = arg('--counts')?.split(',').map(Number);
  if (counts && counts.some((n) => !(Number.isInteger(n) && n > 0))) throw new RangeError(`--counts ${arg('--counts')}: expected positive integers separated by commas.`);
  const synthN = arg('--synth') !== undefined ? Number(arg('--synth')) : undefined;
  const mlpArm = process.argv.includes('--mlp');
  const seeds = arg('--seeds')?.split(',').map(Number);
  if (seeds && seeds.some((n) => !(Number.isInteger(n) && n >= 0))) throw new RangeError(`--seeds ${arg('--seeds')}: expected integers >= 0 separated by commas.`);
  const work = path.resolve(arg('--work') ?? path.join(root, '.work', name));
  const out = path.resolve(arg('--out') ?? path.join(root, 'results', name));
  const demo = carDemoConfig({ root, work, out, quick, layout, variant, counts, seeds, synthN, mlpArm, workers: Number(arg('--workers') ?? 2), ...(arg('--name') ? { name: `ganseg ${arg('--name')}: the embedded default (${layout} cars, ${variant === 'binary' ? '2 classes' : 'multi-class'})` } : {}) });
  const cfg = demo.experiment;
  const teacher = (cfg.annotator as { teacher: string }).teacher;
  for (const [what, dir, task] of [['generator', cfg.generator, 'train-gan'], ['teacher', teacher, 'train-teacher']] as const) {
    if (!existsSync(path.join(dir, 'model.json'))) {
      throw new Error(`the embedded ${what} is missing (${dir}); make it with \`npx pnpm --filter @ganseg/dataset-cars ${task}${layout === 'car-centric' ? '-car-centric' : ''}\`${what === 'teacher' && variant === 'multi' ? ' -- --variant multi' : ''}.`);
    }
  }
  const t0 = Date.now();
  const log = (line: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  log(`demo (${layout}, ${variant}): real images are rendered by datasets/cars; the generated images are annotated by the teacher network (a DeepLabV3+ trained on rendered images), standing in for a person; N = ${cfg.counts.join(', ')}, seeds ${cfg.seeds.join(', ')}`);
  await writeRealDataset(cfg.realTrain, { seeds: demo.realTrainSeeds, size: 64, variant, layout });
  await writeRealDataset(cfg.realTest, { seeds: demo.realTestSeeds, size: 64, variant, layout });
  const result = await runExperiment(cfg, log);
  const files = await writeReport(cfg, result, process.argv.length > 2 ? `node datasets/cars/dist/_main-demo.js ${process.argv.slice(2).join(' ')}` : 'npx pnpm demo', [
    `the real images are ${layout} renders of datasets/cars from disjoint seed ranges: each seed's N annotated images are drawn from the ${demo.realTrainSeeds.length} of the baseline range, the ${demo.realTestSeeds.length} test images are held out from every training`,
    'the generated images were annotated by the teacher, a DeepLabV3+ trained on rendered images with their exact masks (as the paper used an ADE20K network for LSUN bedrooms)',
  ]);
  process.stdout.write(`\n${files.table}\nreport: ${files.report}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${(err as Error)?.message ?? String(err)}\n`);
  if (process.env.GANSEG_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
  process.exit(1);
});
