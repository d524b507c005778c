import * as tf from '@tensorflow/tfjs-core';
import { imageGradientLoss } from './image-gradient-loss.js';
import { learningRateRamp } from './learning-rate-ramp.js';
import { noiseRegularization } from './noise-regularization.js';
import { normalizeNoise } from './normalize-noise.js';
import type { Vgg16Features } from './vgg16-features.js';

/** What embedding needs of a generator (`StyleGAN` from @ganseg/stylegan fits). */
export interface EmbeddableGenerator {
  readonly numLayers: number;
  readonly config: { dlatentSize: number; latentSize: number; resolution: number; architecture?: string };
  readonly weights: Record<string, tf.Tensor>;
  mapping(z: tf.Tensor2D): tf.Tensor2D;
  synthesis(wplus: tf.Tensor3D, opts?: { noise?: tf.Tensor4D[]; capture?: string[] }): { image: tf.Tensor4D; activations: Record<string, tf.Tensor4D> };
}

/** Progress of one optimisation step. */
export interface EmbedProgress {
  step: number;
  steps: number;
  loss: number;
  mse: number;
  lr: number;
}

/** Options of {@link embedImage}. */
export interface EmbedOptions {
  generator: EmbeddableGenerator;
  /** The photo, [1, R, R, 3] with values in [-1, 1], R the generator's resolution. */
  target: tf.Tensor4D;
  /** Optimisation steps; default 1000. */
  steps?: number;
  /** Adam's base learning rate; default 0.01 (Image2StyleGAN). */
  lr?: number;
  /** Also optimise the per-layer noise maps; default false. */
  optimizeNoise?: boolean;
  /** Weight of the noise regulariser when noise is optimised; default 1e5 (StyleGAN2). */
  noiseRegWeight?: number;
  /** VGG16 features for Image2StyleGAN's perceptual loss; without them an image-gradient term is used. */
  vgg?: Vgg16Features | null;
  /** Weight of the perceptual (or image-gradient) term; default 1. */
  perceptualWeight?: number;
  /** Activations to return for the final latent (for the decoder). */
  capture?: string[];
  /** Seed of the initial noise when the generator stores none, and of the start candidates. */
  seed?: number;
  /**
   * Start from the best (lowest pixel MSE) of the average latent and this many mapped random
   * latents; default 32. 0 starts from the average latent as Image2StyleGAN does.
   */
  startCandidates?: number;
  onProgress?: (p: EmbedProgress) => void;
  /** Call onProgress every this many steps; default 10. */
  progressEvery?: number;
}

/** What {@link embedImage} found. */
export interface EmbedResult {
  /** The W+ latent [1, numLayers, dlatentSize]. */
  wplus: tf.Tensor3D;
  /** The noise maps used (optimised or fixed). */
  noise: tf.Tensor4D[] | undefined;
  /** The reconstruction [1, R, R, 3]. */
  image: tf.Tensor4D;
  /** Activations asked for with `capture`. */
  activations: Record<string, tf.Tensor4D>;
  /** Total loss at every step. */
  losses: number[];
  /** Which loss ran: `mse+vgg16` or `mse+image-gradients`. */
  lossKind: string;
}

function _initialW(g: EmbeddableGenerator): tf.Tensor3D {
  return tf.tidy(() => {
    const avg = g.weights['dlatent_avg'];
    let w: tf.Tensor1D;
    if (avg) w = tf.reshape(avg, [g.config.dlatentSize]) as tf.Tensor1D;
    else {
      // no stored average: the mean of 1024 mapped latents from a fixed seed stream
      let x = 0x2545f491;
      const z = new Float32Array(1024 * g.config.latentSize);
      for (let i = 0; i < z.length; i += 2) {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        const u1 = (x + 1) / 4294967297;
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        const u2 = x / 4294967296;
        const r = Math.sqrt(-2 * Math.log(u1));
        z[i] = r * Math.cos(2 * Math.PI * u2);
        if (i + 1 < z.length) z[i + 1] = r * Math.sin(2 * Math.PI * u2);
      }
      w = tf.mean(g.mapping(tf.tensor2d(z, [1024, g.config.latentSize])), 0) as tf.Tensor1D;
    }
    return tf.tile(tf.reshape(w, [1, 1, g.config.dlatentSize]), [1, g.numLayers, 1]) as tf.Tensor3D;
  });
}

function _initialNoise(g: EmbeddableGenerator, seed: number): tf.Tensor4D[] {
  const out: tf.Tensor4D[] = [];
  // v1: a noise input a layer (4, 4, 8, 8, ...); StyleGAN2: one a conv, numLayers - 1 (4, 8, 8, 16, ...)
  const v2 = g.config.architecture === 'stylegan2';
  for (let i = 0; i < (v2 ? g.numLayers - 1 : g.numLayers); i++) {
    const stored = g.weights[`G_synthesis/noise${i}`];
    const res = 4 * 2 ** Math.floor((v2 ? i + 1 : i) / 2);
    if (stored) out.push(tf.tidy(() => tf.reshape(stored, [1, res, res, 1]).clone() as tf.Tensor4D));
    else {
      let x = (seed * 2654435761 + i * 97) >>> 0;
      const v = new Float32Array(res * res);
      for (let j = 0; j < v.length; j++) {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        const u1 = (x + 1) / 4294967297;
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        v[j] = Math.sqrt(-2 * Math.log(u1)) * Math.cos((2 * Math.PI * x) / 4294967296);
      }
      out.push(tf.tensor4d(v, [1, res, res, 1]));
    }
  }
  return out;
}

/** The start latent: the average, or the best of it and `k` mapped random latents by pixel MSE. */
function _bestStart(g: EmbeddableGenerator, target: tf.Tensor4D, noise: tf.Tensor4D[], k: number, seed: number): tf.Tensor3D {
  const avg = _initialW(g);
  if (k <= 0) return avg;
  let best = avg;
  let bestLoss = tf.tidy(() => tf.mean(tf.squaredDifference(g.synthesis(avg, { noise }).image, target)).dataSync()[0]);
  let x = (seed * 747796405 + 2891336453) >>> 0;
  for (let i = 0; i < k; i++) {
    const z = new Float32Array(g.config.latentSize);
    for (let j = 0; j < z.length; j++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      const u1 = (x + 1) / 4294967297;
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      z[j] = Math.sqrt(-2 * Math.log(u1)) * Math.cos((2 * Math.PI * x) / 4294967296);
    }
    const cand = tf.tidy(() => tf.tile(tf.reshape(g.mapping(tf.tensor2d(z, [1, z.length])), [1, 1, g.config.dlatentSize]), [1, g.numLayers, 1]) as tf.Tensor3D);
    const loss = tf.tidy(() => tf.mean(tf.squaredDifference(g.synthesis(cand, { noise }).image, target)).dataSync()[0]);
    if (loss < bestLoss) {
      best.dispose();
      best = cand;
      bestLoss = loss;
    } else cand.dispose();
  }
  return best;
}

/**
 * Finds the W+ latent (one style vector a layer, initialised at the average latent) whose image
 * reproduces `target` (Image2StyleGAN), optionally with the noise maps, by Adam with a linear
 * warm-up and cosine ramp-down of the learning rate. The loss is pixel MSE plus, when VGG16
 * weights are given, Image2StyleGAN's perceptual term (conv1_1, conv1_2, conv3_2, conv4_2), and
 * otherwise a multi-scale image-gradient term; `lossKind` says which ran. Optimised noise is
 * regularised (StyleGAN2's auto-correlation penalty) and re-normalised after every step.
 *
 * @param opts The generator, the photo and the optimisation settings.
 * @returns The latent, the reconstruction, the captured activations and the loss curve; the
 *   caller owns (and disposes) the returned tensors.
 * @example
 * ```ts
 * const r = await embedImage({ generator, target, steps: 500, capture: ['4x4', '8x8'] });
 * console.log(r.lossKind, r.losses.at(-1));
 * ```
 */
export async function embedImage(opts: EmbedOptions): Promise<EmbedResult> {
  const g = opts.generator;
  const R = g.config.resolution;
  const [n, h, w, c] = opts.target.shape;
  if (n !== 1 || h !== R || w !== R || c !== 3) {
    throw new RangeError(`embedImage: target must be [1, ${R}, ${R}, 3] (the generator's resolution), got [${opts.target.shape.join(', ')}].`);
  }
  const steps = opts.steps ?? 1000;
  const baseLr = opts.lr ?? 0.01;
  const pw = opts.perceptualWeight ?? 1;
  const nw = opts.noiseRegWeight ?? 1e5;
  const lossKind = opts.vgg ? 'mse+vgg16' : 'mse+image-gradients';
  const noise0 = _initialNoise(g, opts.seed ?? 0);
  const start = _bestStart(g, opts.target, noise0, opts.startCandidates ?? 32, opts.seed ?? 0);
  const wVar = tf.variable(start, true);
  start.dispose();
  const noiseVars = opts.optimizeNoise ? noise0.map((t) => tf.variable(t, true)) : [];
  if (opts.optimizeNoise) tf.dispose(noise0);
  const noise: tf.Tensor4D[] = opts.optimizeNoise ? (noiseVars as unknown as tf.Tensor4D[]) : noise0;
  const optimizer = tf.train.adam(baseLr, 0.9, 0.999, 1e-8);
  const losses: number[] = [];
  const every = opts.progressEvery ?? 10;
  try {
    for (let t = 0; t < steps; t++) {
      const lr = learningRateRamp(t, steps, { lr: baseLr });
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
      let mseValue = 0;
      const mseHolder: tf.Scalar[] = [];
      const lossT = optimizer.minimize(
        () => {
          const img = g.synthesis(wVar as unknown as tf.Tensor3D, { noise }).image;
          const mse = tf.mean(tf.squaredDifference(img, opts.target)) as tf.Scalar;
          mseHolder.push(tf.keep(mse.clone()));
          const perc = opts.vgg ? opts.vgg.perceptualLoss(img, opts.target) : imageGradientLoss(img, opts.target);
          let total = tf.add(mse, tf.mul(perc, pw)) as tf.Scalar;
          if (noiseVars.length) total = tf.add(total, tf.mul(noiseRegularization(noiseVars as unknown as tf.Tensor4D[]), nw));
          return total;
        },
        true,
        [wVar, ...noiseVars],
      );
      const loss = lossT!.dataSync()[0];
      mseValue = mseHolder[0].dataSync()[0];
      tf.dispose([lossT!, ...mseHolder]);
      if (noiseVars.length) normalizeNoise(noiseVars);
      losses.push(loss);
      if (!Number.isFinite(loss)) throw new RangeError(`embedImage: the loss became ${loss} at step ${t}; lower --lr.`);
      if (opts.onProgress && (t % every === 0 || t === steps - 1)) opts.onProgress({ step: t + 1, steps, loss, mse: mseValue, lr });
      if (t % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    const wplus = tf.keep(wVar.clone()) as tf.Tensor3D;
    const finalNoise = opts.optimizeNoise ? noiseVars.map((v) => v.clone() as tf.Tensor4D) : noise0;
    const out = g.synthesis(wplus, { noise: finalNoise, capture: opts.capture ?? [] });
    return { wplus, noise: finalNoise, image: out.image, activations: out.activations, losses, lossKind };
  } finally {
    optimizer.dispose();
    wVar.dispose();
    tf.dispose(noiseVars);
  }
}
