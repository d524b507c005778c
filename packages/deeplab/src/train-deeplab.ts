import { promises as fs } from 'node:fs';
import { createRng } from '@ganseg/runtime';
import type { Backbone } from './deeplab-config.js';
import { DeepLabConfigError } from './deeplab-config-error.js';
import type { DeepLab } from './deep-lab.js';
import { createDeepLab } from './create-deeplab.js';
import { createTrainStep } from './create-train-step.js';
import { readSegmentationDataset, type SegmentationDataset } from './read-segmentation-dataset.js';
import { loadPretrainedBackbone } from './load-pretrained-backbone.js';
import { saveDeepLab } from './save-deeplab.js';
import { _augmentInto } from './_augment.js';
import { _readCheckpoint, _writeCheckpoint, type _TrainState } from './_checkpoint.js';

/** Progress of {@link trainDeepLab}: after every step (`phase: 'step'`) and every epoch (`'epoch'`). */
export interface TrainDeepLabProgress {
  phase: 'step' | 'epoch';
  /** 1-based epoch being trained (or just finished). */
  epoch: number;
  epochs: number;
  /** 1-based step within the epoch. */
  step: number;
  steps: number;
  /** Optimiser steps taken in the whole run (resumed runs included). */
  iteration: number;
  iterations: number;
  /** This step's loss (`'step'`) or the epoch's mean loss (`'epoch'`). */
  loss: number;
  /** The learning rate of this step. */
  lr: number;
  /** Training images per second over the last step (`'step'`) or the epoch (`'epoch'`). */
  imagesPerSecond: number;
}

/** Options of {@link trainDeepLab}. */
export interface TrainDeepLabOptions {
  /** A dataset folder (ganseg's layout) or a dataset already read. */
  dataset: string | SegmentationDataset;
  /** Output folder: `model.json` + `weights.bin` (latest) and `checkpoints/epoch-NNNN/`. */
  out: string;
  /** Default resnet50. */
  backbone?: Backbone;
  /** Channel multiplier, default 1. */
  width?: number;
  /** 16 (default) or 8. */
  outputStride?: 8 | 16;
  /** A torchvision ResNet `.pth` for the backbone (ImageNet-pretrained). */
  pretrained?: string;
  /** Read a `pretrained` file holding NaN / Inf (refused by default, naming the tensor). */
  allowNonFinite?: boolean;
  /** Default 30. */
  epochs?: number;
  /** Images a step, default 8 (at most the dataset size). */
  batch?: number;
  /** Square crop side; default min(256, the smallest image side). */
  crop?: number;
  /** Base learning rate, default 0.01 (poly schedule, power 0.9). */
  lr?: number;
  /** Weight decay, default 1e-4. */
  wd?: number;
  /** SGD momentum, default 0.9. */
  momentum?: number;
  /** Poly schedule power, default 0.9. */
  power?: number;
  /** Random scale range, default [0.5, 2]. */
  scale?: [number, number];
  /** Random horizontal flips, default true. */
  flip?: boolean;
  /** Seed of initialisation, order and augmentation; default 0. */
  seed?: number;
  /** Continue from the newest checkpoint in `out` (weights, momentum, epoch, loss curve, random streams). */
  resume?: boolean;
  /** Called after every step and every epoch. */
  onProgress?: (p: TrainDeepLabProgress) => void;
  /**
   * Seconds between checkpoints, default 60: after an epoch ends, a checkpoint and the latest
   * model are written when this long has passed since the last write, and always after the last
   * epoch or when `signal` has stopped the run. 0 writes after every epoch. (A few-image run has
   * hundreds of epochs of a second or two; writing each one costs more than training it.)
   */
  checkpointSeconds?: number;
  /**
   * Worker threads for data-parallel steps (each a wasm backend of its own; the batch is split
   * between them, batch norm runs per shard). Default 1: in this thread.
   */
  workers?: number;
  /** Stops the run at the next step (the last checkpoint stays). */
  signal?: AbortSignal;
}

/** What {@link trainDeepLab} returns. */
export interface TrainDeepLabResult {
  /** The trained network (the caller disposes it). */
  model: DeepLab;
  /** Loss of every step of the run, resumed steps included. */
  losses: number[];
  /** Mean loss of every completed epoch. */
  epochLosses: number[];
  /** Epochs completed. */
  epoch: number;
  /** Whether `signal` stopped the run early. */
  stopped: boolean;
}

const _HYPER = ['backbone', 'width', 'outputStride', 'batch', 'crop', 'lr', 'wd', 'momentum', 'power', 'scale', 'flip', 'seed'] as const;

/**
 * Trains DeepLabV3+ on a dataset folder as the paper does: SGD with momentum 0.9 and weight decay
 * 1e-4 (PyTorch's form: decay added to the gradient), learning rate 0.01 on the poly schedule
 * `lr * (1 - i / iterations) ^ 0.9`, random scale 0.5 to 2, random crop (padded with the ignore
 * label), horizontal flip, cross-entropy ignoring 255. The dataset is checked whole before the
 * first step. At the end of an epoch, at most every `checkpointSeconds` (and after the last epoch
 * or a stop), it writes a checkpoint (atomically) and the latest model; with
 * `resume` it continues from the newest checkpoint, and the loss curve continues as if never
 * interrupted (every epoch's order and augmentation come from a stream seeded by (seed, epoch)).
 *
 * @param options Dataset, output folder, architecture and hyper-parameters.
 * @returns The model, the per-step and per-epoch losses.
 * @example
 * ```ts
 * const { model, epochLosses } = await trainDeepLab({
 *   dataset: 'out/cars-synth', out: 'runs/cars', backbone: 'resnet18', width: 0.25, epochs: 5,
 *   onProgress: (p) => p.phase === 'epoch' && console.log(p.epoch, p.loss),
 * });
 * model.dispose();
 * ```
 */
export async function trainDeepLab(options: TrainDeepLabOptions): Promise<TrainDeepLabResult> {
  const ds = typeof options.dataset === 'string' ? await readSegmentationDataset(options.dataset) : options.dataset;
  const epochs = options.epochs ?? 30;
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new DeepLabConfigError(`epochs ${epochs}: expected a positive integer.`);
  const minSide = Math.min(...ds.samples.map((s) => Math.min(s.width, s.height)));
  let hyper = {
    backbone: options.backbone ?? 'resnet50',
    width: options.width ?? 1,
    outputStride: options.outputStride ?? 16,
    batch: Math.min(options.batch ?? 8, ds.samples.length),
    crop: options.crop ?? Math.min(256, minSide),
    lr: options.lr ?? 0.01,
    wd: options.wd ?? 1e-4,
    momentum: options.momentum ?? 0.9,
    power: options.power ?? 0.9,
    scale: options.scale ?? ([0.5, 2] as [number, number]),
    flip: options.flip ?? true,
    seed: options.seed ?? 0,
  };
  if (!(Number.isInteger(hyper.batch) && hyper.batch >= 1)) throw new DeepLabConfigError(`batch ${hyper.batch}: expected a positive integer.`);
  if (!(Number.isInteger(hyper.crop) && hyper.crop >= 8)) throw new DeepLabConfigError(`crop ${hyper.crop}: expected an integer >= 8.`);

  // The output folder is created only once the model is ready: a failed --pretrained load (or any
  // earlier error) leaves no empty folder behind.
  const ckpt = await _readCheckpoint(options.out);
  let model: DeepLab;
  let state: _TrainState;
  let momentumInit: Float32Array | null = null;
  if (ckpt && !options.resume) {
    ckpt.model.dispose();
    throw new DeepLabConfigError(`${ckpt.dir}: ${options.out} already holds a training run; pass resume (--resume) to continue it, or choose another output folder.`);
  }
  if (ckpt) {
    model = ckpt.model;
    state = ckpt.state;
    hyper = { ...hyper, ...(Object.fromEntries(_HYPER.map((k) => [k, state.options[k]])) as typeof hyper) };
    momentumInit = ckpt.momentum;
    if (model.config.numClasses !== ds.classes.length) {
      model.dispose();
      throw new DeepLabConfigError(`${ckpt.dir}: the checkpoint has ${model.config.numClasses} classes, the dataset ${ds.classes.length}.`);
    }
  } else {
    model = createDeepLab(
      { backbone: hyper.backbone, width: hyper.width, outputStride: hyper.outputStride, numClasses: ds.classes.length },
      { seed: hyper.seed, classes: ds.classes },
    );
    if (options.pretrained) {
      try {
        await loadPretrainedBackbone(model, options.pretrained, { allowNonFinite: options.allowNonFinite });
      } catch (e) {
        model.dispose();
        throw e;
      }
    }
    state = { epoch: 0, iteration: 0, losses: [], epochLosses: [], options: { ...hyper, pretrained: options.pretrained ?? null } };
  }
  await fs.mkdir(options.out, { recursive: true });

  const trainStep = createTrainStep(model, { wd: hyper.wd, momentum: hyper.momentum, ignore: ds.ignore, momentumInit: momentumInit ?? undefined, workers: Math.min(Math.max(1, Math.floor(options.workers ?? 1)), hyper.batch) });
  const n = ds.samples.length;
  const B = hyper.batch;
  const steps = Math.floor(n / B);
  const iterations = epochs * steps;
  const c = hyper.crop;
  const x = new Float32Array(B * c * c * 3);
  const y = new Int32Array(B * c * c);
  const aug = { crop: c, scale: hyper.scale, flip: hyper.flip, ignore: ds.ignore };
  let stopped = false;
  const checkpointMs = Math.max(0, options.checkpointSeconds ?? 60) * 1000;
  let written = performance.now();
  const write = async (): Promise<void> => {
    await _writeCheckpoint(options.out, model, await trainStep.momentumData(), state);
    await saveDeepLab(model, options.out, { epoch: state.epoch, iteration: state.iteration, loss: state.epochLosses[state.epochLosses.length - 1], options: state.options });
    written = performance.now();
  };

  try {
    for (let epoch = state.epoch; epoch < epochs; epoch++) {
      const rng = createRng(`${hyper.seed}:epoch:${epoch}`);
      const order = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      const t0 = performance.now();
      let sum = 0;
      for (let s = 0; s < steps; s++) {
        if (options.signal?.aborted) {
          stopped = true;
          break;
        }
        const ts = performance.now();
        for (let k = 0; k < B; k++) _augmentInto(ds.samples[order[s * B + k]], rng, aug, x, y, k);
        const lr = hyper.lr * Math.pow(1 - state.iteration / iterations, hyper.power);
        const loss = await trainStep.run(x, y, [B, c, c], lr);
        state.iteration++;
        state.losses.push(loss);
        sum += loss;
        options.onProgress?.({
          phase: 'step', epoch: epoch + 1, epochs, step: s + 1, steps, iteration: state.iteration, iterations, loss, lr,
          imagesPerSecond: (B * 1000) / (performance.now() - ts),
        });
      }
      if (stopped) break;
      state.epoch = epoch + 1;
      state.epochLosses.push(sum / steps);
      options.onProgress?.({
        phase: 'epoch', epoch: epoch + 1, epochs, step: steps, steps, iteration: state.iteration, iterations, loss: sum / steps,
        lr: hyper.lr * Math.pow(1 - state.iteration / iterations, hyper.power),
        imagesPerSecond: (steps * B * 1000) / (performance.now() - t0),
      });
      // the weights are at an epoch's end only here: a stop seen now keeps this epoch
      if (state.epoch === epochs || options.signal?.aborted || performance.now() - written >= checkpointMs) await write();
    }
  } finally {
    await trainStep.dispose();
  }
  return { model, losses: state.losses, epochLosses: state.epochLosses, epoch: state.epoch, stopped };
}
