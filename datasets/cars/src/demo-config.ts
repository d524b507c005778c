import path from 'node:path';
import type { ExperimentConfig } from '@ganseg/experiment';
import type { CarVariant } from './car-classes.js';
import type { SceneLayout } from './render-scene.js';
import { carSeeds } from './seed-ranges.js';

/** Options of {@link carDemoConfig}. */
export interface CarDemoOptions {
  /** The package folder (`datasets/cars`): weights are read from `<root>/weights`. */
  root: string;
  /** Large outputs (datasets, checkpoints). */
  work: string;
  /** Small outputs (report, metrics, plots). */
  out: string;
  /** Tiny settings for the test suite (seconds, not minutes). */
  quick?: boolean;
  /** What the camera frames (default `car-centric`, the paper's LSUN-cars-like domain). */
  layout?: SceneLayout;
  /** Class set (default `binary`: car and background). */
  variant?: CarVariant;
  /** Numbers of annotated images (default `[20]`). */
  counts?: number[];
  /** Repetitions (default `[0, 1, 2]`, or `[0]` with `quick`). */
  seeds?: number[];
  /** Synthetic pairs of the method (default 2,000). */
  synthN?: number;
  /**
   * Truncation of the generated images, annotated and synthetic; default 1 (none): the synthetic
   * set should cover the real distribution (seed 0 at N = 20: method mIoU 0.710, 0.715, 0.723 at
   * truncation 0.7, 0.85, 1).
   */
  truncation?: number;
  /** Add the DatasetGAN-style MLP ensemble decoder as a third arm. */
  mlpArm?: boolean;
  /** Worker threads for synthesis (default 2). */
  workers?: number;
  /** Report title (default: says the domain and the class set). */
  name?: string;
}

/** What {@link carDemoConfig} returns: the experiment and the scenes its real datasets hold. */
export interface CarDemo {
  experiment: ExperimentConfig;
  /** Scene seeds of the real annotated pool the baseline of each seed draws its N images from. */
  realTrainSeeds: number[];
  /** Scene seeds of the held-out real test set. */
  realTestSeeds: number[];
  layout: SceneLayout;
  variant: CarVariant;
}

/**
 * The experiment of the embedded default (`npx pnpm demo` and the Figure 4 task): the generator
 * and teacher shipped for a layout and class set, real images from the `baseline` (pool) and
 * `test` seed ranges, the decoder as the paper's code trains it, DeepLabV3+ small enough for a
 * laptop CPU. Each seed draws other annotated images for both arms and other initialisations.
 *
 * @param opts Folders, layout, class set, counts and seeds.
 * @returns The experiment config and the real scenes it needs written.
 * @example
 * ```ts
 * const demo = carDemoConfig({ root: 'datasets/cars', work: '.work/demo', out: 'results/demo' });
 * await writeRealDataset(demo.experiment.realTrain, { seeds: demo.realTrainSeeds, layout: demo.layout });
 * ```
 */
export function carDemoConfig(opts: CarDemoOptions): CarDemo {
  const quick = opts.quick ?? false;
  const layout = opts.layout ?? 'car-centric';
  const variant = opts.variant ?? 'binary';
  const counts = opts.counts ?? [quick ? 4 : 20];
  const seeds = opts.seeds ?? (quick ? [0] : [0, 1, 2]);
  const suffix = `${layout === 'car-centric' ? '-car-centric' : ''}`;
  const teacher = `teacher${suffix}${variant === 'multi' ? '-multi' : ''}`;
  const decoder: ExperimentConfig['decoder'] = { arch: 'conv', epochs: quick ? 2 : 24, optimizer: 'adam', lr: 1e-4, weightDecay: 0, batchSize: 1 };
  const synthN = quick ? 16 : (opts.synthN ?? 2000);
  const experiment: ExperimentConfig = {
    name: opts.name ?? (quick ? 'ganseg demo --quick (embedded default, tiny settings)' : `ganseg demo: the embedded default (${layout} cars, ${variant === 'binary' ? '2 classes' : 'multi-class'})`),
    generator: path.join(opts.root, 'weights', `generator${suffix}`),
    annotator: { teacher: path.join(opts.root, 'weights', teacher) },
    realTrain: path.join(opts.work, `real-train-${layout}-${variant}`),
    realTest: path.join(opts.work, `real-test-${layout}-${variant}`),
    counts,
    seeds,
    truncation: opts.truncation ?? 1,
    // the decoder as the paper's own code trains it (seg_solver.py: Adam, lr 1e-4, no weight
    // decay, 24 epochs of one image a step)
    decoder,
    ...(opts.mlpArm ? { methods: [{ name: 'method', decoder }, { name: 'method-mlp', decoder: { arch: 'mlp', epochs: quick ? 2 : 12, ensemble: quick ? 2 : 5 } }] } : {}),
    synth: { n: synthN, dropUncertain: quick ? 0 : 0.1, workers: opts.workers ?? 2 },
    // DeepLabV3+ from scratch (the paper's claim is without pretraining), 30,000 images seen by
    // each arm (15 epochs of 2,000 synthetic pairs; the baseline as many images of its N); no
    // scale augmentation and batch 32: at 64 px both converged faster (measured on 1,800 real
    // renders: mIoU 0.691 without against 0.647 with 0.5-2 scaling after one epoch of batch 8;
    // batch 32 runs 4x the images a second of batch 8 here)
    deeplab: quick
      ? { backbone: 'resnet18', width: 0.125, epochs: 1, batch: 8, crop: 64, lr: 0.01, wd: 1e-4, maxBaselineEpochs: 4 }
      : { backbone: 'resnet18', width: 0.25, epochs: Math.max(1, Math.round(30_000 / synthN)), batch: 32, crop: 64, lr: 0.02, wd: 1e-4, scale: [1, 1], maxBaselineEpochs: 5000 },
    gridImages: quick ? 4 : 8,
    out: opts.out,
    work: opts.work,
  };
  return { experiment, realTrainSeeds: carSeeds('baseline', quick ? 8 : Infinity), realTestSeeds: carSeeds('test', quick ? 8 : 500), layout, variant };
}
