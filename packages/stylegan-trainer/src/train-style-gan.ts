import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { emaUpdate, FusedAdamOptimizer, nativeStatus, setNativeThreads } from '@ganseg/native';
import { builtModuleUrl, createRng, dataParallelStep, flattenTensors, WorkerPool } from '@ganseg/runtime';
import type { NamedWeight } from '@ganseg/io';
import { createConfig, imageToBytes, saveGenerator, StyleGAN } from '@ganseg/stylegan';
import type { StyleGANConfig } from '@ganseg/stylegan';
import { PNG } from 'pngjs';
import { Discriminator } from './discriminator.js';
import { discriminatorConfig } from './discriminator-spec.js';
import type { DiscriminatorConfig } from './discriminator-spec.js';
import { emaBeta } from './ema-beta.js';
import { _trainThreads } from './_train-threads.js';
import { logisticLoss } from './logistic-losses.js';
import { r1Penalty } from './r1-penalty.js';
import { _loadCheckpoint, _saveCheckpoint } from './_checkpoint.js';
import { type _Arr, type _Draws, type _DTask, type _GTask, type _ShardOut } from './_shard-steps.js';
import { _DrawPrefetch } from './_draw-prefetch.js';
import { _drawTensors, type _DrawTag } from './_step-draws.js';

/** Training images: HWC uint8 RGB arrays of `resolution^2 * 3` bytes. */
export type TrainImages =
  | ArrayLike<Uint8Array>
  | AsyncIterable<Uint8Array>
  | ((index: number) => Uint8Array | Promise<Uint8Array>);

/** Options of {@link trainStyleGAN}. */
export interface TrainStyleGANOptions {
  /**
   * The real images. An array is sampled with replacement by a seeded stream (resumable); a
   * function is called with the running image index `step * batch + j` (resumable); an async
   * iterable is read in order (a resumed run reads it from its start).
   */
  images: TrainImages;
  /** Generator architecture (official defaults for missing keys). */
  config: Partial<StyleGANConfig>;
  /** Discriminator architecture; default: the generator's resolution and fmap settings. */
  discriminator?: Partial<DiscriminatorConfig>;
  /** Total number of steps (a resumed run stops there too). */
  steps: number;
  /** Images a step (default 8). */
  batch?: number;
  /** Seed of the initialisation and of every draw (default 0). */
  seed?: number;
  /** Folder for checkpoints, `generator/` (the EMA generator, tfjs layout), samples and log; none: nothing is written. */
  out?: string;
  /** Called after every step. */
  onProgress?: (p: TrainProgress) => void;
  /** Adam learning rate of G and D (default 0.002). */
  lr?: number;
  /** Adam beta1, beta2, epsilon (default 0, 0.99, 1e-8: official). */
  betas?: [number, number, number];
  /** R1 weight gamma (default 10, official; 0 turns it off). */
  r1Gamma?: number;
  /** Apply R1 every k-th D step, scaled by k (lazy regularisation; default 1 = official v1). */
  r1Every?: number;
  /** Probability of style mixing in a batch (default 0.9). */
  styleMixingProb?: number;
  /** Half-life of the generator EMA in images (default 10,000). */
  emaHalfLifeImages?: number;
  /** Decay of the moving average of w (`dlatent_avg`, default 0.995). */
  dlatentAvgBeta?: number;
  /** Write a checkpoint every k steps (default 500) and at the end. */
  checkpointEvery?: number;
  /** Continue from `out/checkpoint` when there is one (default true). */
  resume?: boolean;
  /**
   * Worker threads sharing each step's batch (data parallel: each computes the D and G gradients
   * of an equal, strided slice; the main thread averages them and takes the Adam steps); default
   * 1. The batch must divide evenly. When workers divide batch / mbstdGroupSize, every
   * minibatch-stddev group stays in one worker and the result is the one-thread run's up to float
   * rounding; otherwise each worker groups its own samples (as official multi-GPU training does).
   */
  workers?: number;
  /**
   * OpenMP threads of the native kernels on the main thread while training (restored after);
   * default one for a small generator (largest synthesis conv call under 150 MFLOP, like the
   * 64 px cars config), else the threads in force (and where `GANSEG_NATIVE_THREADS` is set).
   * Workers always run one each.
   */
  threads?: number;
}

/** One step's report. */
export interface TrainProgress {
  /** Steps done. */
  step: number;
  steps: number;
  dLoss: number;
  gLoss: number;
  /** Mean R1 penalty of the step (NaN when not computed). */
  r1: number;
  /** Mean seconds a step since this call started. */
  secondsPerStep: number;
  images: number;
}

/** What {@link trainStyleGAN} returns. */
export interface TrainStyleGANResult {
  /** The EMA generator Gs (the caller disposes it). */
  generator: StyleGAN;
  /** Steps done in all (including those of a resumed run). */
  step: number;
  /** The last step's report (null when no step ran in this call). */
  last: TrainProgress | null;
}

interface _Meta {
  step: number;
  config: StyleGANConfig;
  dConfig: DiscriminatorConfig;
  seed: number;
  batch: number;
  optG: string[];
  optD: string[];
}

let _runId = 0;

/**
 * Trains a StyleGAN (v1) generator from scratch as official StyleGAN does (fixed structure, no
 * progressive growing): the `D_basic` discriminator, non-saturating logistic loss, R1 on the
 * reals (gamma 10), style mixing with probability 0.9 (one crossover layer a batch, uniform in
 * [1, numLayers)), fresh noise every step, Adam (0, 0.99, 1e-8) for both networks, one D step
 * then one G step, the moving average of w kept in `dlatent_avg`, and the EMA generator `Gs`
 * (half-life 10k images). Every draw comes from `seed` and the step number, so a run stopped and
 * resumed from its checkpoint gives the same weights as one run through. Trains on the reals only
 * (images, never masks).
 *
 * @param opts Images, architecture, steps, batch, seed, output folder, hyper-parameters.
 * @returns The EMA generator and the step count.
 * @example
 * ```ts
 * const { generator } = await trainStyleGAN({
 *   images, steps: 1000, batch: 8, seed: 1, out: 'results/gan',
 *   config: { resolution: 64, latentSize: 64, dlatentSize: 64, mappingLayers: 4, mappingFmaps: 64, fmapBase: 256, fmapMax: 64 },
 *   onProgress: (p) => console.log(p.step, p.dLoss, p.gLoss),
 * });
 * ```
 */
export async function trainStyleGAN(opts: TrainStyleGANOptions): Promise<TrainStyleGANResult> {
  const cfg = createConfig(opts.config);
  const dCfg = discriminatorConfig({
    resolution: cfg.resolution, numChannels: cfg.numChannels, fmapBase: cfg.fmapBase, fmapDecay: cfg.fmapDecay, fmapMax: cfg.fmapMax,
    ...opts.discriminator,
  });
  if (dCfg.resolution !== cfg.resolution) throw new RangeError(`discriminator resolution ${dCfg.resolution} differs from the generator's ${cfg.resolution}`);
  const B = opts.batch ?? 8;
  const seed = opts.seed ?? 0;
  const lr = opts.lr ?? 0.002;
  const [b1, b2, eps] = opts.betas ?? [0, 0.99, 1e-8];
  const gamma = opts.r1Gamma ?? 10;
  const r1Every = Math.max(1, Math.floor(opts.r1Every ?? 1));
  const mixProb = opts.styleMixingProb ?? 0.9;
  const beta = emaBeta(B, opts.emaHalfLifeImages ?? 10000);
  const wBeta = opts.dlatentAvgBeta ?? 0.995;
  const every = opts.checkpointEvery ?? 500;
  const R = cfg.resolution;
  const id = _runId++;
  const workers = Math.max(1, Math.floor(opts.workers ?? 1));
  if (B % workers !== 0) throw new RangeError(`trainStyleGAN: batch ${B} does not split into ${workers} equal worker shards; use a batch that is a multiple of workers.`);

  // Variables: G (trainable except noise buffers and dlatent_avg), Gs (EMA copy), D.
  const init = StyleGAN.random(cfg, seed);
  const names = Object.keys(init.weights);
  const isTrainable = (n: string) => n !== 'dlatent_avg' && !n.startsWith('G_synthesis/noise');
  const G: Record<string, tf.Variable> = {};
  const Gs: Record<string, tf.Variable> = {};
  for (const n of names) {
    G[n] = tf.variable(init.weights[n], isTrainable(n), `sgt${id}/G/${n}`);
    Gs[n] = tf.variable(init.weights[n], false, `sgt${id}/Gs/${n}`);
  }
  init.dispose();
  let D = Discriminator.random(dCfg, seed + 1, `sgt${id}/D`);
  // tf.train.adam, with one native kernel call a weight where @ganseg/native runs (same state, same checkpoints).
  const optG = new FusedAdamOptimizer(lr, b1, b2, eps);
  const optD = new FusedAdamOptimizer(lr, b1, b2, eps);
  const gTrain = names.filter(isTrainable).map((n) => G[n]);
  const gsTrain = names.filter(isTrainable).map((n) => Gs[n]);
  let step = 0;

  if (opts.out && opts.resume !== false) {
    const ck = await _loadCheckpoint(opts.out);
    if (ck) {
      const meta = ck.meta as _Meta;
      if (JSON.stringify(meta.config) !== JSON.stringify(cfg) || JSON.stringify(meta.dConfig) !== JSON.stringify(dCfg)) {
        throw new RangeError(`${path.join(opts.out, 'checkpoint')}: made for another architecture (${JSON.stringify(meta.config)}); use another out folder or delete it.`);
      }
      const get = (n: string) => {
        const t = ck.tensors.get(n);
        if (!t) throw new RangeError(`${path.join(opts.out as string, 'checkpoint')}: missing ${n}; delete the checkpoint folder to start over.`);
        return tf.tensor(t.data, t.shape);
      };
      for (const n of names) {
        tf.tidy(() => { G[n].assign(get(`G/${n}`)); Gs[n].assign(get(`Gs/${n}`)); });
      }
      const dVals: Record<string, tf.Tensor> = {};
      for (const n of Object.keys(D.weights)) dVals[n] = get(`D/${n}`);
      D.dispose();
      D = Discriminator.fromWeights(dCfg, dVals, `sgt${id}/Dr`);
      tf.dispose(Object.values(dVals)); // the variables hold their own references
      const og = meta.optG.map((n, i) => ({ name: n, tensor: get(`optG/${i}`) }));
      const od = meta.optD.map((n, i) => ({ name: n, tensor: get(`optD/${i}`) }));
      await optG.setWeights(og);
      await optD.setWeights(od);
      tf.dispose([...og, ...od].map((w) => w.tensor));
      step = meta.step;
    }
  }
  const dVars = Object.values(D.weights);
  const source = _batchSource(opts.images, B, R * R * cfg.numChannels, seed);
  const L = init.numLayers;
  const t0 = Date.now();
  const startStep = step;
  let last: TrainProgress | null = null;

  const threadsBefore = nativeStatus().threads ?? 0;
  const threads = opts.threads ?? (process.env.GANSEG_NATIVE_THREADS ? threadsBefore : _trainThreads(cfg, B, threadsBefore));
  if (threadsBefore > 0 && threads !== threadsBefore) setNativeThreads(threads);
  const pool = workers > 1 ? new WorkerPool({ moduleUrl: builtModuleUrl(import.meta.url, '_train-worker.js'), size: workers, initArg: { config: cfg, dConfig: dCfg, trainable: names.filter(isTrainable) } }) : null;
  // every step's latents and noise, drawn ahead on a worker thread (the same numbers as in place)
  const drawSource = new _DrawPrefetch({ config: cfg, seed, batch: B, mixProb, numLayers: L });
  const draws = async (k: number, tag: _DrawTag) => {
    const t = _drawTensors(await drawSource.get(k, tag));
    return { ...t, dispose: () => tf.dispose([t.z, ...(t.mixZ ? [t.mixZ] : []), ...t.noise]) };
  };

  try {
  while (step < opts.steps) {
    const k = step;
    const reals = await source(k);
    let dLoss: number;
    let gLoss: number;
    let r1: number;
    let wMean: tf.Tensor | null = null;
    if (pool) {
      const doR1 = gamma > 0 && k % r1Every === 0;
      const realsArr = { data: reals.dataSync() as Float32Array, shape: reals.shape };
      reals.dispose();
      const dShards = _shardDraws(await drawSource.get(k, 'D'), workers);
      const g = flattenTensors(G);
      const dBefore = flattenTensors(D.weights);
      const dStep = await dataParallelStep<_DTask, _ShardOut>(dShards.map((dr, j) => ({ kind: 'D', g, d: dBefore, draws: dr, reals: _sliceArr(realsArr, j, workers), r1: doR1, r1Factor: gamma * 0.5 * r1Every })), { pool });
      const gradD = _named(dStep.grads, dVars);
      optD.applyGradients(gradD as unknown as Record<string, tf.Variable>);
      tf.dispose(Object.values(gradD));
      dLoss = dStep.loss;
      r1 = doR1 ? _mean(dStep.results.map((r) => r.r1)) : NaN;
      const gShards = _shardDraws(await drawSource.get(k, 'G'), workers);
      const dNow = flattenTensors(D.weights);
      const gStep = await dataParallelStep<_GTask, _ShardOut>(gShards.map((dr) => ({ kind: 'G', g, d: dNow, draws: dr })), { pool });
      const gradG = _named(gStep.grads, gTrain);
      optG.applyGradients(gradG as unknown as Record<string, tf.Variable>);
      tf.dispose(Object.values(gradG));
      gLoss = gStep.loss;
      wMean = tf.tensor1d(gStep.mean((r) => r.wMean as Float32Array));
    } else {
    // D step.
    const dd = await draws(k, 'D');
    const fakes = tf.tidy(() => {
      const g = StyleGAN.fromWeights(cfg, G, undefined, true); // G's variables themselves, no clones
      return g.generate({ z: dd.z, mixZ: dd.mixZ, mixLayer: dd.mixLayer, noise: dd.noise }).image;
    });
    dd.dispose();
    const doR1 = gamma > 0 && k % r1Every === 0;
    let r1Value: tf.Scalar | null = null;
    let kept: tf.Tensor | null = null;
    const dRes = tf.variableGrads(() => {
      let fakeScores: tf.Tensor2D;
      let realScores: tf.Tensor2D;
      let loss: tf.Scalar;
      if (doR1) {
        fakeScores = D.scores(fakes);
        const r1 = r1Penalty(D, reals);
        kept = r1.scores;
        realScores = r1.scores;
        r1Value = tf.keep(tf.mean(r1.penalty)) as tf.Scalar;
        loss = tf.add(logisticLoss(fakeScores, realScores), tf.mul(tf.mean(r1.penalty), gamma * 0.5 * r1Every)) as tf.Scalar;
      } else {
        [fakeScores, realScores] = D.scoresPair(fakes, reals);
        loss = logisticLoss(fakeScores, realScores);
      }
      return loss;
    }, dVars);
    optD.applyGradients(dRes.grads as unknown as Record<string, tf.Variable>);
    dLoss = (await dRes.value.data())[0];
    r1 = r1Value ? (await (r1Value as tf.Scalar).data())[0] : NaN;
    tf.dispose([dRes.value, ...Object.values(dRes.grads), fakes, reals, ...(kept ? [kept] : []), ...(r1Value ? [r1Value] : [])]);
    // G step.
    const dg = await draws(k, 'G');
    const gRes = tf.variableGrads(() => {
      const g = StyleGAN.fromWeights(cfg, G, undefined, true); // G's variables themselves, no clones
      const out = g.generate({ z: dg.z, mixZ: dg.mixZ, mixLayer: dg.mixLayer, noise: dg.noise });
      wMean = tf.keep(tf.mean(tf.squeeze(tf.slice(out.wplus, [0, 0, 0], [-1, 1, -1]), [1]), 0));
      return logisticLoss(D.scores(out.image));
    }, gTrain);
    optG.applyGradients(gRes.grads as unknown as Record<string, tf.Variable>);
    gLoss = (await gRes.value.data())[0];
    tf.dispose([gRes.value, ...Object.values(gRes.grads)]);
    dg.dispose();
    }
    // the moving averages: w's in dlatent_avg, and Gs of G's trainable weights (in place, one native call)
    emaUpdate([G.dlatent_avg], [wMean as unknown as tf.Tensor], wBeta);
    emaUpdate(gsTrain, gTrain, beta);
    for (const n of names) if (!isTrainable(n)) Gs[n].assign(G[n]);
    tf.dispose(wMean as unknown as tf.Tensor);
    step++;
    last = { step, steps: opts.steps, dLoss, gLoss, r1, secondsPerStep: (Date.now() - t0) / 1000 / (step - startStep), images: step * B };
    opts.onProgress?.(last);
    if (opts.out) {
      await fs.mkdir(opts.out, { recursive: true });
      await fs.appendFile(path.join(opts.out, 'log.jsonl'), JSON.stringify(last) + '\n');
      if (step % every === 0 || step === opts.steps) {
        await _checkpoint(opts.out, { step, config: cfg, dConfig: dCfg, seed, batch: B, optG: [], optD: [] }, G, Gs, D, optG, optD);
        await _writeOutputs(opts.out, cfg, Gs, step, '');
        await _writeSamples(opts.out, cfg, G, `${String(step).padStart(7, '0')}-G`);
      }
    }
  }
  } finally {
    await pool?.close();
    await drawSource.close();
    if (threadsBefore > 0 && threads !== threadsBefore) setNativeThreads(threadsBefore);
  }
  const generator = StyleGAN.fromWeights(cfg, Gs);
  for (const v of [...Object.values(G), ...Object.values(Gs)]) v.dispose();
  D.dispose();
  optG.dispose();
  optD.dispose();
  return { generator, step, last };
}

async function _checkpoint(
  out: string, meta: _Meta, G: Record<string, tf.Variable>, Gs: Record<string, tf.Variable>, D: Discriminator,
  optG: tf.Optimizer, optD: tf.Optimizer,
): Promise<void> {
  const list: NamedWeight[] = [];
  // every tensor stored as float32 (the optimisers' `iter` is int32; its values are exact in float32)
  const add = async (name: string, t: tf.Tensor) => list.push({ name, shape: [...t.shape], data: Float32Array.from(await t.data()) });
  for (const [n, v] of Object.entries(G)) await add(`G/${n}`, v);
  for (const [n, v] of Object.entries(Gs)) await add(`Gs/${n}`, v);
  for (const [n, v] of Object.entries(D.weights)) await add(`D/${n}`, v);
  const og = await optG.getWeights();
  const od = await optD.getWeights();
  for (let i = 0; i < og.length; i++) await add(`optG/${i}`, og[i].tensor);
  for (let i = 0; i < od.length; i++) await add(`optD/${i}`, od[i].tensor);
  meta.optG = og.map((w) => w.name);
  meta.optD = od.map((w) => w.name);
  // getWeights returns fresh tensors for the iteration counter only
  tf.dispose([og[0].tensor, od[0].tensor]);
  await _saveCheckpoint(out, meta, list);
}

async function _writeOutputs(out: string, cfg: StyleGANConfig, Gs: Record<string, tf.Variable>, step: number, suffix: string): Promise<void> {
  const gen = StyleGAN.fromWeights(cfg, Gs);
  try {
    await saveGenerator(gen, path.join(out, 'generator'));
  } finally {
    gen.dispose();
  }
  await _writeSamples(out, cfg, Gs, `${String(step).padStart(7, '0')}${suffix}`);
}

/** `out/samples/<name>.png`: 4 x 8 images of fixed latents, stored noise, no truncation. */
async function _writeSamples(out: string, cfg: StyleGANConfig, weights: Record<string, tf.Variable>, name: string): Promise<void> {
  const gen = StyleGAN.fromWeights(cfg, weights);
  try {
    const n = 32;
    const z = tf.tensor2d(createRng('samples').normalArray(n * cfg.latentSize), [n, cfg.latentSize]);
    const res = gen.generate({ z });
    const data = imageToBytes(res.image);
    tf.dispose([z, res.image, res.wplus, ...Object.values(res.activations)]);
    const R = cfg.resolution;
    const cols = 8;
    const W = cols * R;
    const H = (n / cols) * R;
    const png = new PNG({ width: W, height: H });
    for (let k = 0; k < n; k++) {
      const ox = (k % cols) * R;
      const oy = Math.floor(k / cols) * R;
      for (let y = 0; y < R; y++) {
        for (let x = 0; x < R; x++) {
          const s = ((k * R + y) * R + x) * 3;
          const d = ((oy + y) * W + ox + x) * 4;
          png.data[d] = data[s]; png.data[d + 1] = data[s + 1]; png.data[d + 2] = data[s + 2]; png.data[d + 3] = 255;
        }
      }
    }
    await fs.mkdir(path.join(out, 'samples'), { recursive: true });
    const file = path.join(out, 'samples', `${name}.png`);
    await fs.writeFile(`${file}.tmp`, PNG.sync.write(png));
    await fs.rename(`${file}.tmp`, file);
  } finally {
    gen.dispose();
  }
}

/** Raised when training images do not have the expected size. */
export class TrainImagesError extends Error {
  override name = 'TrainImagesError';
}

function _batchSource(images: TrainImages, B: number, size: number, seed: number): (step: number) => Promise<tf.Tensor4D> {
  const side = Math.round(Math.sqrt(size / 3));
  const toTensor = (list: Uint8Array[], what: string) => {
    const f = new Float32Array(B * size);
    list.forEach((im, j) => {
      if (im.length !== size) throw new TrainImagesError(`${what}: image ${j} has ${im.length} bytes, expected ${size} (${side}x${side} RGB, HWC).`);
      for (let i = 0; i < size; i++) f[j * size + i] = im[i] / 127.5 - 1;
    });
    return tf.tensor4d(f, [B, side, side, size / (side * side)]);
  };
  if (typeof images === 'function') {
    return async (k) => {
      const list: Uint8Array[] = [];
      for (let j = 0; j < B; j++) list.push(await images(k * B + j));
      return toTensor(list, `images(${k * B}..)`);
    };
  }
  if (Symbol.asyncIterator in (images as object)) {
    const it = images as AsyncIterable<Uint8Array>;
    let iter = it[Symbol.asyncIterator]();
    return async () => {
      const list: Uint8Array[] = [];
      let restarts = 0;
      while (list.length < B) {
        const r = await iter.next();
        if (r.done) {
          if (++restarts > 1) throw new TrainImagesError('images: the async iterable gave no images.');
          iter = it[Symbol.asyncIterator]();
          continue;
        }
        list.push(r.value);
      }
      return toTensor(list, 'images (async iterable)');
    };
  }
  const arr = images as ArrayLike<Uint8Array>;
  if (arr.length === 0) throw new TrainImagesError('images: the array is empty.');
  return async (k) => {
    const rng = createRng(`${seed}:${k}:reals`);
    const list: Uint8Array[] = [];
    for (let j = 0; j < B; j++) list.push(arr[rng.int(arr.length)]);
    return toTensor(list, 'images[]');
  };
}

/**
 * Shard j of k: samples j, j + k, j + 2k, ... Strided, because the minibatch-stddev layer groups
 * samples n, n + M, n + 2M, ... (M = batch / group size, the official layout): when k divides M a
 * shard holds whole groups and the step is the one-thread step exactly.
 */
function _sliceArr(a: _Arr, j: number, k: number): _Arr {
  const n = a.shape[0] / k;
  const per = a.data.length / a.shape[0];
  const data = new Float32Array(n * per);
  for (let i = 0; i < n; i++) data.set(a.data.subarray((j + i * k) * per, (j + i * k + 1) * per), i * per);
  return { data, shape: [n, ...a.shape.slice(1)] };
}

/** The step's draws cut into k equal shards along the batch (the mixing layer is the batch's). */
function _shardDraws(d: _Draws, k: number): _Draws[] {
  return Array.from({ length: k }, (_, j) => ({
    z: _sliceArr(d.z, j, k),
    ...(d.mixZ ? { mixZ: _sliceArr(d.mixZ, j, k), mixLayer: d.mixLayer } : {}),
    noise: d.noise.map((n) => _sliceArr(n, j, k)),
  }));
}

/** A flat gradient (as `dataParallelStep` averaged it) as tensors keyed by variable name. */
function _named(g: Float32Array, vars: tf.Variable[]): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  let o = 0;
  for (const v of vars) {
    out[v.name] = tf.tensor(g.subarray(o, o + v.size), v.shape);
    o += v.size;
  }
  return out;
}

function _mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
