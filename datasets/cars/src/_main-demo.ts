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
//   --truncation truncation of the generated images (default 1: none)
//   --mlp        add the DatasetGAN-style MLP ensemble decoder as a third arm
//   --name       the report's and the work folder's name (default demo[-street][-multi])
//   --jobs       arms trained at once, each a process with one oneDNN thread (default 2; at 64 px a
//                DeepLabV3+ step gains little from a second thread, two trainings nearly double)
//   --arms       (internal) run only these arms and write no report: what each job runs
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExperiment, writeReport, type ExperimentConfig } from '@ganseg/experiment';
import type { CarVariant } from './car-classes.js';
import { carDemoConfig } from './demo-config.js';
import type { SceneLayout } from './render-scene.js';
import { writeRealDataset } from './write-real-dataset.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/**
 * Runs every (N, seed, arm) of the experiment as its own process, `jobs` at a time, each with one
 * oneDNN thread and one synthesis worker; the runs land in the shared work folder, from which the
 * caller's `runExperiment` then reads them all.
 */
async function _runJobs(cfg: ExperimentConfig, arms: string[], jobs: number, log: (line: string) => void): Promise<void> {
  const strip = new Set(['--jobs', '--seeds', '--counts', '--workers', '--arms']);
  const base = process.argv.slice(2).filter((a, i, all) => !strip.has(a) && !strip.has(all[i - 1]));
  // N by N, each N's methods before its baselines: a long run stopped part way (they resume from
  // the records) leaves whole rows of the table, every arm of the smaller N done
  const queue = cfg.counts.flatMap((n) => [...arms.filter((a) => a !== 'baseline'), 'baseline'].flatMap((arm) => cfg.seeds.map((seed) => ({ n, seed, arm }))));
  const one = (j: { n: number; seed: number; arm: string }) =>
    new Promise<void>((resolve, reject) => {
      const args = [process.argv[1], ...base, '--seeds', String(j.seed), '--counts', String(j.n), '--arms', j.arm, '--workers', '1'];
      const child = spawn(process.execPath, args, { env: { GANSEG_NATIVE_THREADS: '1', ...process.env }, stdio: ['ignore', 'ignore', 'pipe'] });
      let tail = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => {
        tail = (tail + d).slice(-4000);
        for (const line of d.split('\n')) if (/ (baseline|method[-\w]*) N=/.test(line)) log(line.replace(/^\[\s*\d+ s\] /, ''));
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the job ${j.arm} N=${j.n} seed=${j.seed} failed (exit ${code}):\n${tail}`))));
    });
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    while (next < queue.length) await one(queue[next++]);
  }));
}
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
  const onlyArms = arg('--arms')?.split(',');
  const jobs = Number(arg('--jobs') ?? (quick ? 1 : Math.min(2, os.availableParallelism())));
  if (seeds && seeds.some((n) => !(Number.isInteger(n) && n >= 0))) throw new RangeError(`--seeds ${arg('--seeds')}: expected integers >= 0 separated by commas.`);
  const work = path.resolve(arg('--work') ?? path.join(root, '.work', name));
  const out = path.resolve(arg('--out') ?? path.join(root, 'results', name));
  const demo = carDemoConfig({ root, work, out, quick, layout, variant, counts, seeds, synthN, mlpArm, ...(arg('--truncation') !== undefined ? { truncation: Number(arg('--truncation')) } : {}), workers: Number(arg('--workers') ?? 2), ...(arg('--name') ? { name: `ganseg ${arg('--name')}: the embedded default (${layout} cars, ${variant === 'binary' ? '2 classes' : 'multi-class'})` } : {}) });
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
  if (onlyArms) {
    // one job of a parallel run: its arm only, no report (the parent wrote the real datasets)
    await runExperiment(cfg, log, { arms: onlyArms });
    return;
  }
  await writeRealDataset(cfg.realTrain, { seeds: demo.realTrainSeeds, size: 64, variant, layout });
  await writeRealDataset(cfg.realTest, { seeds: demo.realTestSeeds, size: 64, variant, layout });
  if (jobs > 1) {
    log(`${jobs} jobs at once, one oneDNN thread each`);
    await _runJobs(cfg, ['baseline', ...(cfg.methods ?? [{ name: 'method' }]).map((m) => m.name)], jobs, log);
  }
  const result = await runExperiment(cfg, log);
  // the report's time is the demo's wall time, the parallel jobs included
  result.seconds = (Date.now() - t0) / 1000;
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
