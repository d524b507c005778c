import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { nativeKernelsActive } from '@ganseg/native';
import { FeatureStore, resolveFeatureSpec } from '@ganseg/feature-hooks';
import { builtModuleUrl, createRng, crossEntropyWithIgnore, dataParallelStep, flattenTensors, type Rng, SgdMomentumOptimizer, WorkerPool } from '@ganseg/runtime';
import { generatorToTransfer, type StyleGAN } from '@ganseg/stylegan';
import type { ClassInfo } from '@ganseg/formats';
import { Decoder } from './decoder.js';
import type { DecoderConfig, DecoderLevel } from './decoder-config.js';
import { DecoderError } from './decoder-error.js';
import { IGNORE_INDEX } from '@ganseg/formats';
import { hashGenerator } from './hash-generator.js';
import { _legacyGeneratorHash } from './_legacy-generator-hash.js';
import { loadAnnotations, type AnnotatedSample } from '@ganseg/formats';
import { regenerateFeatures } from './regenerate-features.js';
import { _applyBnStats, _isKernel, _isRunningStat, type _BnStats, type _Params } from './_layers.js';
import { _convDecoderForward, _initConvDecoder } from './_conv-decoder.js';
import { _initMlpDecoder, _mlpForward } from './_mlp-decoder.js';
import { _shardGrads, type _ShardResult, type _ShardTask } from './_shard-grads.js';
import type { _FeaturesOut } from './_features-worker.js';

/** Progress of {@link trainDecoder}, reported after every step (and each captured sample). */
export interface TrainProgress {
  phase: 'features' | 'train';
  /** Ensemble member (0-based) and count. */
  member: number;
  members: number;
  /** Epoch (1-based) and count. */
  epoch: number;
  epochs: number;
  /** Step within the epoch (1-based) and steps an epoch. */
  step: number;
  steps: number;
  /** Running mean loss and pixel accuracy of this epoch so far. */
  loss: number;
  pixelAccuracy: number;
}

/** Options of {@link trainDecoder}. */
export interface TrainDecoderOptions {
  /** The generator the samples were made with (features are regenerated from their latents). */
  generator: StyleGAN;
  /** An annotation workspace (classes.json, samples/, masks/); or give `samples` and `classes`. */
  workspace?: string;
  /** Annotated samples (instead of a workspace). */
  samples?: AnnotatedSample[];
  /** Classes (with `samples`). */
  classes?: ClassInfo[];
  /** 'conv' (the paper's decoder, default) or 'mlp' (per-pixel ensemble, DatasetGAN). */
  arch?: 'conv' | 'mlp';
  /** Activations read; default every block output '4x4'..'RxR' (conv: consecutive, each twice the last). */
  layers?: string[];
  /** conv: channels after each level's conversion (default the paper's: 32, 16 from 1024x1024). */
  widths?: number[];
  /** conv: dropout after each conversion; default 0.5 (paper). */
  dropout?: number;
  /** mlp: hidden widths; default [128, 32] (DatasetGAN). */
  hidden?: number[];
  /** mlp: side the features are upsampled to; default the generator's resolution. */
  size?: number;
  /** Epochs; default 24 (conv, as the paper's code) or 8 (mlp). */
  epochs?: number;
  /** Ensemble members (each trained from its own seed); default 1 (conv) or 3 (mlp). */
  ensemble?: number;
  /** 'sgd' (momentum; default for conv, the paper) or 'adam' (default for mlp, DatasetGAN). */
  optimizer?: 'sgd' | 'adam';
  /** Learning rate; default 0.01 (sgd) or 0.001 (adam). */
  lr?: number;
  /** SGD momentum; default 0.9. */
  momentum?: number;
  /** L2 weight decay on conv/dense kernels, added to the gradient; default 1e-3 (sgd) or 0 (adam). */
  weightDecay?: number;
  /**
   * conv: images a step (default 2). Each image is normalised by its own BN statistics, as in the
   * paper's batch of 1 (B images = B devices with per-device BN, as its multi-device code does),
   * and the step averages their gradients, so a step's images run on different cores; 1 gives
   * the paper's exact schedule (twice the steps, one core). mlp: pixels a step (default 256).
   */
  batchSize?: number;
  /**
   * conv: worker threads sharing a step's images (data parallel); default 1 where @ganseg/native's
   * oneDNN kernels run (they use every core), else min(batchSize, cores).
   * The result does not depend on it (same images, seeds and order of summation).
   */
  workers?: number;
  /**
   * conv: recompute each level in backprop instead of keeping its intermediates (gradient
   * checkpointing: less memory, about one more forward pass of time). Default: on when the
   * finest level is 1024x1024 or larger.
   */
  recompute?: boolean;
  /** mlp: labelled pixels drawn from each sample an epoch; default 4096. */
  pixelsPerSample?: number;
  /** mlp: samples whose pixels are pooled and shuffled together into batches; default 8. */
  mixSamples?: number;
  /**
   * Fraction of the epochs, at the end, trained with BN on its running statistics (frozen), so
   * the network fits the statistics inference uses. With the paper's batch of 1 image, batch
   * statistics are one image's and differ from the running ones; default 0.25 (conv), 0 (mlp).
   */
  bnFreeze?: number;
  /** conv: random horizontal flips of features and mask together; default true. */
  flip?: boolean;
  /** Seed of init, order, dropout and flips; default 0. */
  seed?: number;
  /** Feature storage precision; default 'float32'. */
  featureDtype?: 'float32' | 'float16';
  /**
   * Bytes of features kept in memory; the rest is streamed to disk and read back each step.
   * Default 512 MiB: at 1024x1024 (20 samples, 2.5 GB of features) it takes 1.5 GB off the peak
   * RSS against 2 GiB, at the same step time.
   */
  memoryBudget?: number;
  /** Folder for features past the budget; default a temp folder (removed after training). */
  cacheDir?: string;
  /** Accept samples whose recorded generator hash differs from this generator's; default false. */
  allowOtherGenerator?: boolean;
  onProgress?: (p: TrainProgress) => void;
  /** Called with each warning (unannotated samples skipped, ...). */
  onWarning?: (message: string) => void;
}

/** `train-log.json`: what was trained, on what, and how it went. */
export interface TrainLog {
  arch: 'conv' | 'mlp';
  config: DecoderConfig;
  options: Record<string, unknown>;
  samples: string[];
  skipped: string[];
  warnings: string[];
  generatorHash: string;
  featureBytes: { inMemory: number; onDisk: number };
  /** One entry an epoch of each member. */
  epochs: { member: number; epoch: number; loss: number; pixelAccuracy: number; seconds: number }[];
  seconds: { features: number; train: number };
  backend: string;
}

/**
 * Trains a decoder from annotated samples: regenerates each sample's features from its stored
 * latent (never the stored image) into a {@link FeatureStore} under a memory budget, then trains
 * with cross-entropy (ignore label 255), SGD momentum 0.9, lr 0.01, weight decay 1e-3 (the paper;
 * Adam as an option), with horizontal flips of features and mask together.
 *
 * @param options Generator, annotations, architecture and optimiser settings, callbacks.
 * @returns The decoder (dispose it) and the training log.
 * @throws DecoderError for no annotated sample, unusable layers or options; WorkspaceError / MaskError from reading the workspace.
 * @example
 * ```ts
 * const { decoder, log } = await trainDecoder({ generator: gen, workspace: 'ws', onProgress: (p) => console.log(p.loss) });
 * await saveDecoder(decoder, 'runs/decoder', { trainLog: log });
 * ```
 */
export async function trainDecoder(options: TrainDecoderOptions): Promise<{ decoder: Decoder; log: TrainLog }> {
  const gen = options.generator;
  const arch = options.arch ?? 'conv';
  if (arch !== 'conv' && arch !== 'mlp') throw new DecoderError(`trainDecoder: arch is "${String(arch)}"; expected "conv" or "mlp".`);
  const warnings: string[] = [];
  let samples: AnnotatedSample[];
  let classes: ClassInfo[];
  let skipped: string[] = [];
  if (options.workspace) {
    const a = await loadAnnotations(options.workspace, { onWarning: options.onWarning });
    samples = a.samples;
    classes = a.classes;
    skipped = a.skipped;
    warnings.push(...a.warnings);
  } else if (options.samples && options.classes) {
    samples = options.samples;
    classes = options.classes;
  } else {
    throw new DecoderError('trainDecoder: give `workspace`, or `samples` and `classes`.');
  }
  if (samples.length === 0) throw new DecoderError(`trainDecoder: no annotated sample${options.workspace ? ` in ${options.workspace} (put masks in masks/<id>.png)` : ''}; at least one is needed.`);
  const R = gen.config.resolution;
  const crop = gen.config.crop && gen.config.crop.top + gen.config.crop.bottom > 0 ? gen.config.crop : undefined;
  const H = R - (crop?.top ?? 0) - (crop?.bottom ?? 0);
  const genHash = hashGenerator(gen);
  let legacyHash: string | undefined;
  for (const s of samples) {
    if (s.meta.generator && s.meta.generator !== genHash && !options.allowOtherGenerator && s.meta.generator !== (legacyHash ??= _legacyGeneratorHash(gen))) {
      throw new DecoderError(`sample ${s.id} was made with generator ${s.meta.generator}; this generator is ${genHash}. Its features would differ: use the generator that made the workspace (or allowOtherGenerator).`);
    }
    if (s.mask.length !== H * R) throw new DecoderError(`sample ${s.id}: mask has ${s.mask.length} pixels; a generator of ${R}x${H} images (W x H) needs ${H * R}.`);
  }
  if (crop && arch === 'conv') {
    throw new DecoderError(`trainDecoder: the generator crops its images (config.crop ${crop.top}, ${crop.bottom} rows); the conv decoder reads square native-size levels and cannot follow the crop: use arch "mlp".`);
  }
  if (crop && (options.size ?? R) !== R) {
    throw new DecoderError(`trainDecoder: the generator crops its images (config.crop ${crop.top}, ${crop.bottom} rows); the MLP decoder then trains at the generator's size ${R}, found size ${options.size}.`);
  }
  const numClasses = classes.length;
  const seed = options.seed ?? 0;
  const levelsSpec = resolveFeatureSpec(gen.config, { layers: options.layers, resize: arch === 'conv' ? 'native' : 'bilinear' });
  const levels: DecoderLevel[] = levelsSpec.levels.map((l) => ({ name: l.name, res: l.res, channels: l.channels }));
  let config: DecoderConfig;
  if (arch === 'conv') {
    for (let i = 1; i < levels.length; i++) {
      if (levels[i].res !== 2 * levels[i - 1].res) {
        throw new DecoderError(`trainDecoder: the conv decoder needs levels each twice the side of the one before; "${levels[i - 1].name}" is followed by "${levels[i].name}". Use consecutive block outputs, or arch "mlp".`);
      }
    }
    const widths = options.widths ?? levels.map((l) => (l.res >= 1024 ? 16 : 32));
    if (widths.length !== levels.length) throw new DecoderError(`trainDecoder: widths has ${widths.length} entries; expected one a level (${levels.length}).`);
    config = { arch, levels, widths, numClasses, dropout: options.dropout ?? 0.5, size: R };
  } else {
    const size = options.size ?? R;
    config = { arch, levels, hidden: options.hidden ?? [128, 32], inputChannels: levels.reduce((s, l) => s + l.channels, 0), numClasses, size, ...(crop ? { crop } : {}) };
  }
  const spec = { layers: levels.map((l) => l.name), resize: arch === 'conv' ? ('native' as const) : ('bilinear' as const), size: config.size };
  const epochs = options.epochs ?? (arch === 'conv' ? 24 : 8);
  const members = options.ensemble ?? (arch === 'conv' ? 1 : 3);
  const optName = options.optimizer ?? (arch === 'conv' ? 'sgd' : 'adam');
  const lr = options.lr ?? (optName === 'sgd' ? 0.01 : 0.001);
  const momentum = options.momentum ?? 0.9;
  const wd = options.weightDecay ?? (optName === 'sgd' ? 1e-3 : 0);
  const batch = options.batchSize ?? (arch === 'conv' ? 2 : 256);
  const pps = options.pixelsPerSample ?? 4096;
  // from 1024x1024: recompute levels in backprop, and capture and train in workers with wasm heaps
  // of their own (a heap never shrinks, and the caller's holds the generator)
  const big = levels[levels.length - 1].res >= 1024;
  const recompute = options.recompute ?? big;
  // default: one process on the native (oneDNN) path, which uses every core itself (same speed
  // as two workers at 256 px, half the memory); a worker per core on plain wasm (one thread each)
  const defaultWorkers = nativeKernelsActive() ? 1 : os.availableParallelism();
  const workers = arch === 'conv' ? Math.max(1, Math.min(batch, options.workers ?? defaultWorkers)) : 1;
  const flip = options.flip ?? true;
  const mix = Math.max(1, options.mixSamples ?? 8);
  const freezeEpochs = Math.round(epochs * (options.bnFreeze ?? (arch === 'conv' ? 0.25 : 0)));
  if (!(epochs >= 1) || !(members >= 1) || !(batch >= 1) || !(workers >= 1)) throw new DecoderError(`trainDecoder: epochs (${epochs}), ensemble (${members}), batchSize (${batch}) and workers (${options.workers}) must be at least 1.`);

  // 1. features, regenerated from the latents
  const t0 = Date.now();
  const store = new FeatureStore({ budgetBytes: options.memoryBudget ?? 2 ** 29, dtype: options.featureDtype ?? 'float32', dir: options.cacheDir });
  const masks = new Map<string, Uint8Array>();
  const log: TrainLog = {
    arch,
    config,
    options: { epochs, ensemble: members, optimizer: optName, lr, momentum, weightDecay: wd, batchSize: batch, workers, recompute, pixelsPerSample: pps, mixSamples: mix, bnFreeze: freezeEpochs / epochs, flip, seed, featureDtype: store.dtype },
    samples: samples.map((s) => s.id),
    skipped,
    warnings,
    generatorHash: genHash,
    featureBytes: { inMemory: 0, onDisk: 0 },
    epochs: [],
    seconds: { features: 0, train: 0 },
    backend: tf.getBackend(),
  };
  const params: _Params[] = [];
  let pool: WorkerPool | null = null;
  try {
    // workers > 1: every core captures; from 1024 px a worker even for one, so that the
    // generator's forward pass grows a worker's wasm heap (freed when it exits), not this thread's
    const captureWorkers = Math.min(samples.length, workers);
    const capturePool = captureWorkers > 1 || big ? new WorkerPool({ moduleUrl: builtModuleUrl(import.meta.url, '_features-worker.js'), size: captureWorkers, initArg: generatorToTransfer(gen) }) : null;
    let captured = 0;
    const capture = async (s: AnnotatedSample): Promise<void> => {
      let stored: _FeaturesOut;
      if (capturePool) {
        stored = await capturePool.run<_FeaturesOut>({ meta: s.meta, spec });
      } else {
        const { image, maps } = regenerateFeatures(gen, s.meta, spec);
        image.dispose();
        stored = maps.map((m) => ({ shape: m.shape.slice(1) as [number, number, number], data: m.dataSync() as Float32Array }));
        tf.dispose(maps);
      }
      await store.put(s.id, stored);
      masks.set(s.id, config.size === R ? s.mask : _resizeMaskNearest(s.mask, R, config.size));
      options.onProgress?.({ phase: 'features', member: 0, members, epoch: 0, epochs, step: ++captured, steps: samples.length, loss: NaN, pixelAccuracy: NaN });
    };
    try {
      if (capturePool) await Promise.all(samples.map(capture));
      else for (const s of samples) await capture(s);
    } finally {
      await capturePool?.close();
    }
    log.featureBytes = { inMemory: store.bytesInMemory, onDisk: store.bytesOnDisk };
    log.seconds.features = (Date.now() - t0) / 1000;

    // 2. training, one member at a time
    const t1 = Date.now();
    // workers > 1: data parallel; from 1024 px a worker even for one (a wasm heap of its own)
    pool = config.arch === 'conv' && (workers > 1 || big) ? new WorkerPool({ moduleUrl: builtModuleUrl(import.meta.url, '_train-worker.js'), size: workers, initArg: { config } }) : null;
    for (let k = 0; k < members; k++) {
      const rng = createRng(`${seed}/member${k}`);
      const p = config.arch === 'conv' ? _initConvDecoder(config, rng) : _initMlpDecoder(config, rng);
      params.push(p);
      const trainable = Object.entries(p).filter(([n]) => !_isRunningStat(n));
      const byVarName = new Map(trainable.map(([n, v]) => [v.name, { name: n, v }]));
      const opt: tf.Optimizer = optName === 'sgd' ? new SgdMomentumOptimizer(lr, momentum) : tf.train.adam(lr);
      try {
        for (let epoch = 1; epoch <= epochs; epoch++) {
          const te = Date.now();
          const frozen = epoch > epochs - freezeEpochs;
          const order = _shuffle(samples.map((s) => s.id), rng);
          let lossSum = 0;
          let lossN = 0;
          let correct = 0;
          let valid = 0;
          const steps: (() => Promise<{ loss: number; correct: number; valid: number }>)[] = [];
          if (config.arch === 'conv') {
            for (let b = 0; b < order.length; b += batch) {
              const ids = order.slice(b, b + batch);
              steps.push(async () => {
                // one shard an image: BN on that image's statistics (the paper's batch of 1), a
                // flip trains the mirrored network (see _convDecoderForward), dropout from a drawn seed
                const tasks: _ShardTask[] = [];
                for (const id of ids) {
                  const stored = await store.get(id);
                  tasks.push({
                    maps: stored.map((m) => ({ data: m.data, shape: m.shape })),
                    mask: masks.get(id) as Uint8Array,
                    mirrored: flip && rng.uniform() < 0.5,
                    frozen,
                    dropoutSeed: rng.int(2 ** 31),
                    recompute,
                  });
                }
                return _convStep(p, config, trainable, opt, wd, tasks, pool);
              });
            }
          } else {
            // pixels of `mix` samples pooled and shuffled together, so BN batch statistics are not one image's
            for (let g = 0; g < order.length; g += mix) {
              const group = order.slice(g, g + mix);
              const pool: [number, number][] = [];
              group.forEach((id, gi) => {
                const mask = masks.get(id) as Uint8Array;
                const validIdx: number[] = [];
                for (let i = 0; i < mask.length; i++) if (mask[i] !== IGNORE_INDEX && mask[i] < numClasses) validIdx.push(i);
                for (const pi of _shuffle(validIdx, rng).slice(0, pps)) pool.push([gi, pi]);
              });
              const mixed = _shuffle(pool, rng);
              let loaded: { data: Float32Array; D: number }[] | null = null;
              for (let b = 0; b < mixed.length; b += batch) {
                const part = mixed.slice(b, b + batch);
                const first = b === 0;
                const last = b + batch >= mixed.length;
                steps.push(async () => {
                  if (first || !loaded) loaded = (await Promise.all(group.map((id) => store.get(id)))).map(([m]) => ({ data: m.data, D: m.shape[2] }));
                  const L = loaded;
                  const D = L[0].D;
                  const x = new Float32Array(part.length * D);
                  const y = new Int32Array(part.length);
                  part.forEach(([gi, pi], j) => {
                    x.set(L[gi].data.subarray(pi * D, (pi + 1) * D), j * D);
                    y[j] = (masks.get(group[gi]) as Uint8Array)[pi];
                  });
                  if (last) loaded = null;
                  const xt = tf.tensor2d(x, [part.length, D]);
                  const yt = tf.tensor1d(y, 'int32');
                  try {
                    return _step(p, trainable, byVarName, opt, wd, (stats) => _mlpForward(p, config, xt, !frozen, frozen ? null : stats), yt);
                  } finally {
                    tf.dispose([xt, yt]);
                  }
                });
              }
            }
          }
          for (let si = 0; si < steps.length; si++) {
            const r = await steps[si]();
            lossSum += r.loss;
            lossN++;
            correct += r.correct;
            valid += r.valid;
            options.onProgress?.({ phase: 'train', member: k, members, epoch, epochs, step: si + 1, steps: steps.length, loss: lossSum / lossN, pixelAccuracy: valid ? correct / valid : 0 });
          }
          log.epochs.push({ member: k, epoch, loss: lossSum / Math.max(1, lossN), pixelAccuracy: valid ? correct / valid : 0, seconds: (Date.now() - te) / 1000 });
        }
      } finally {
        opt.dispose();
      }
    }
    log.seconds.train = (Date.now() - t1) / 1000;
  } catch (e) {
    for (const p of params) for (const v of Object.values(p)) v.dispose();
    throw e;
  } finally {
    await pool?.close();
    await store.clear();
  }
  const decoder = new Decoder(config, classes, params);
  decoder.generatorHash = genHash;
  return { decoder, log };
}

/**
 * One conv-decoder step over a batch of images: each image's gradient and BN statistics (on the
 * workers, or here one after the other), averaged in image order, then the optimiser step and the
 * running-statistics update.
 */
async function _convStep(
  p: _Params,
  config: Extract<DecoderConfig, { arch: 'conv' }>,
  trainable: [string, tf.Variable][],
  opt: tf.Optimizer,
  wd: number,
  tasks: _ShardTask[],
  pool: WorkerPool | null,
): Promise<{ loss: number; correct: number; valid: number }> {
  const params = pool ? flattenTensors(p) : undefined;
  const step = await dataParallelStep<_ShardTask, _ShardResult>(pool ? tasks.map((t) => ({ ...t, params })) : tasks, { pool, local: (t) => _shardGrads(p, config, t) });
  const results = step.results;
  const g = step.grads;
  tf.tidy(() => {
    const named: Record<string, tf.Tensor> = {};
    let o = 0;
    for (const [name, v] of trainable) {
      const t = tf.tensor(g.subarray(o, o + v.size), v.shape);
      named[v.name] = wd > 0 && _isKernel(name) ? tf.add(t, tf.mul(v, wd)) : t;
      o += v.size;
    }
    opt.applyGradients(named);
  });
  if (results[0].statNames.length) {
    const st = step.mean((r) => r.stats);
    const stats: _BnStats = [];
    let o = 0;
    for (const name of results[0].statNames) {
      const c = p[`${name}/moving_mean`].size;
      stats.push({ name, mean: tf.tensor1d(st.slice(o, o + c)), variance: tf.tensor1d(st.slice(o + c, o + 2 * c)) });
      o += 2 * c;
    }
    _applyBnStats(p, stats);
  }
  return results.reduce((a, r) => ({ ...a, correct: a.correct + r.correct, valid: a.valid + r.valid }), { loss: step.loss, correct: 0, valid: 0 });
}

/** One optimiser step; returns loss and pixel counts. */
function _step(
  p: _Params,
  trainable: [string, tf.Variable][],
  byVarName: Map<string, { name: string; v: tf.Variable }>,
  opt: tf.Optimizer,
  wd: number,
  forward: (stats: _BnStats) => tf.Tensor,
  labels: tf.Tensor,
): { loss: number; correct: number; valid: number } {
  const stats: _BnStats = [];
  let pred: tf.Tensor | null = null;
  const { value, grads } = tf.variableGrads(() => {
    const logits = forward(stats);
    pred = tf.keep(tf.argMax(logits, -1));
    return crossEntropyWithIgnore(logits, labels);
  }, trainable.map(([, v]) => v));
  tf.tidy(() => {
    const g: tf.NamedTensorMap = {};
    for (const [vn, t] of Object.entries(grads)) {
      const e = byVarName.get(vn);
      g[vn] = e && wd > 0 && _isKernel(e.name) ? tf.add(t, tf.mul(e.v, wd)) : t;
    }
    opt.applyGradients(g);
  });
  tf.dispose(grads);
  _applyBnStats(p, stats);
  const loss = value.dataSync()[0];
  value.dispose();
  const predT = pred as unknown as tf.Tensor;
  const { correct, valid } = tf.tidy(() => {
    const l = tf.reshape(labels, [-1]);
    const ok = tf.logicalAnd(tf.less(l, IGNORE_INDEX), tf.equal(tf.reshape(predT, [-1]), l));
    const v = tf.less(l, IGNORE_INDEX);
    return { correct: tf.sum(tf.cast(ok, 'int32')), valid: tf.sum(tf.cast(v, 'int32')) };
  });
  const out = { loss, correct: correct.dataSync()[0], valid: valid.dataSync()[0] };
  tf.dispose([correct, valid, predT]);
  return out;
}

/** Nearest-neighbour resize of a square mask (pixel centres). */
export function _resizeMaskNearest(m: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to * to);
  for (let y = 0; y < to; y++) {
    const sy = Math.min(from - 1, Math.floor(((y + 0.5) * from) / to));
    for (let x = 0; x < to; x++) out[y * to + x] = m[sy * from + Math.min(from - 1, Math.floor(((x + 0.5) * from) / to))];
  }
  return out;
}

function _shuffle<T>(a: T[], rng: Rng): T[] {
  const out = a.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
