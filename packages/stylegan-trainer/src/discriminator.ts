import * as tf from '@tensorflow/tfjs-core';
import { createRng, leakyRelu } from '@ganseg/runtime';
import { blur2d } from '@ganseg/stylegan';
import { discriminatorSpec } from './discriminator-spec.js';
import type { DiscriminatorConfig } from './discriminator-spec.js';

const _SQRT2 = Math.SQRT2;

/**
 * The official StyleGAN (v1) discriminator `D_basic`, structure `fixed`, in TensorFlow.js (NHWC):
 * FromRGB (1x1 conv), then per resolution Conv0 (3x3) and Conv1_down (blur [1,2,1]^2, then the
 * official fused conv-downscale: the 3x3 kernel padded and summed into 4x4 * 0.25, stride 2,
 * which equals conv 3x3 + 2x2 average pooling), then at 4x4 the minibatch standard deviation
 * layer, Conv, Dense0 and Dense1 (one score a sample). Leaky ReLU 0.2 after every layer but the
 * last; equalised learning rate (weights N(0, 1), scaled at run time by gain / sqrt(fan_in), gain
 * sqrt(2), 1 for Dense1). Every op is differentiable twice (the blur is built from pads and
 * slices), as the R1 penalty needs. The variables are `tf.Variable`s under the official names.
 *
 * @example
 * ```ts
 * const D = Discriminator.random(discriminatorConfig({ resolution: 64, fmapBase: 256, fmapMax: 64 }), 0);
 * const scores = D.scores(images); // [N, 1]
 * ```
 */
export class Discriminator {
  /** The architecture. */
  readonly config: DiscriminatorConfig;
  /** The variables under their official names. */
  readonly weights: Record<string, tf.Variable>;

  private constructor(config: DiscriminatorConfig, weights: Record<string, tf.Variable>) {
    this.config = config;
    this.weights = weights;
  }

  /**
   * A discriminator with the official initialisation (weights N(0, 1), biases 0), seeded.
   *
   * @param config The architecture.
   * @param seed The seed of the draws.
   * @param prefix A unique prefix for the variable names (tfjs names are global).
   * @returns The discriminator.
   * @example
   * ```ts
   * const D = Discriminator.random(cfg, 1);
   * ```
   */
  static random(config: DiscriminatorConfig, seed: number, prefix = `D${_nextId++}`): Discriminator {
    const rng = createRng(seed);
    const weights: Record<string, tf.Variable> = {};
    for (const e of discriminatorSpec(config)) {
      const n = e.shape.reduce((a, b) => a * b, 1);
      const data = e.name.endsWith('/bias') ? new Float32Array(n) : rng.normalArray(n);
      const t = tf.tensor(data, e.shape, 'float32');
      weights[e.name] = tf.variable(t, true, `${prefix}/${e.name}`);
      t.dispose();
    }
    return new Discriminator(config, weights);
  }

  /**
   * A discriminator from named values (e.g. a checkpoint); strict about names and shapes.
   *
   * @param config The architecture.
   * @param values Official names to tensors (copied into new variables).
   * @param prefix A unique prefix for the variable names.
   * @returns The discriminator.
   * @example
   * ```ts
   * const D2 = Discriminator.fromWeights(D.config, D.weights);
   * ```
   */
  static fromWeights(config: DiscriminatorConfig, values: Record<string, tf.Tensor>, prefix = `D${_nextId++}`): Discriminator {
    const weights: Record<string, tf.Variable> = {};
    const spec = discriminatorSpec(config);
    const problems: string[] = [];
    for (const e of spec) {
      const t = values[e.name];
      if (!t) problems.push(`missing ${e.name}`);
      else if (t.shape.join(',') !== e.shape.join(',')) problems.push(`${e.name}: expected [${e.shape}], found [${t.shape}]`);
    }
    const known = new Set(spec.map((e) => e.name));
    for (const k of Object.keys(values)) if (!known.has(k)) problems.push(`unexpected ${k}`);
    if (problems.length) throw new RangeError(`discriminator weights: ${problems.join('; ')}`);
    for (const e of spec) weights[e.name] = tf.variable(values[e.name], true, `${prefix}/${e.name}`);
    return new Discriminator(config, weights);
  }

  /**
   * Scores of a batch of images (logits: higher = more real).
   *
   * @param images NHWC [N, R, R, numChannels], values in [-1, 1].
   * @returns [N, 1].
   * @example
   * ```ts
   * const s = D.scores(tf.zeros([4, 64, 64, 3]));
   * ```
   */
  scores(images: tf.Tensor4D): tf.Tensor2D {
    const cfg = this.config;
    const R = cfg.resolution;
    if (images.rank !== 4 || images.shape[1] !== R || images.shape[2] !== R || images.shape[3] !== cfg.numChannels) {
      throw new RangeError(`Discriminator.scores: images must be [N, ${R}, ${R}, ${cfg.numChannels}], found [${images.shape.join(', ')}]`);
    }
    const W = this.weights;
    const L = Math.log2(R);
    return tf.tidy(() => {
      const lrelu = (t: tf.Tensor4D) => _lrelu(t) as tf.Tensor4D;
      const conv = (x: tf.Tensor4D, name: string, gain: number) => {
        const w = W[`${name}/weight`];
        const [kh, kw, ci] = w.shape as number[];
        const fanIn = kh * kw * ci;
        return tf.add(tf.conv2d(x, tf.mul(w, gain / Math.sqrt(fanIn)) as tf.Tensor4D, 1, 'same'), W[`${name}/bias`]) as tf.Tensor4D;
      };
      let x = lrelu(conv(images, 'FromRGB_lod0', _SQRT2));
      for (let r = L; r >= 3; r--) {
        const s = `${2 ** r}x${2 ** r}`;
        x = lrelu(conv(x, `${s}/Conv0`, _SQRT2));
        x = blur2d(x);
        const w = W[`${s}/Conv1_down/weight`];
        const [kh, kw, ci] = w.shape as number[];
        const fanIn = kh * kw * ci;
        const ws = tf.mul(w, _SQRT2 / Math.sqrt(fanIn)) as tf.Tensor4D;
        // official fused downscale kernel: pad 3x3 to 5x5, sum the four 4x4 shifts, * 0.25,
        // as one constant [16, 9] matrix times the kernel (no strided slices).
        const [, , cin, cout] = ws.shape;
        const k4 = tf.reshape(tf.matMul(_fuseMatrix(), tf.reshape(ws, [9, cin * cout])), [4, 4, cin, cout]) as tf.Tensor4D;
        x = lrelu(tf.add(tf.conv2d(x, k4, 2, 'same'), W[`${s}/Conv1_down/bias`]) as tf.Tensor4D);
      }
      if (cfg.mbstdGroupSize > 1) x = _minibatchStddev(x, cfg.mbstdGroupSize, cfg.mbstdNumFeatures);
      x = lrelu(conv(x, '4x4/Conv', _SQRT2));
      const n = x.shape[0];
      // Official flattens NCHW: (c, h, w) order, so the dense weights keep the official layout.
      const flat = tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [n, -1]) as tf.Tensor2D;
      const dense = (t: tf.Tensor2D, name: string, gain: number) => {
        const w = W[`${name}/weight`];
        return tf.add(tf.matMul(t, tf.mul(w, gain / Math.sqrt(w.shape[0])) as tf.Tensor2D), W[`${name}/bias`]) as tf.Tensor2D;
      };
      const h = _lrelu(dense(flat, '4x4/Dense0', _SQRT2)) as tf.Tensor2D;
      return dense(h, '4x4/Dense1', 1);
    });
  }

  /**
   * Scores of two batches of the same size (a D step's fakes and reals) in one pass over both:
   * the same values as `scores(a)` and `scores(b)`, with half the kernel calls. The batches are
   * interleaved so that each minibatch-stddev group holds samples of one batch only, as in two
   * calls (a group takes every M-th sample); where the group size does not divide the batch,
   * two calls.
   *
   * @param a NHWC [N, R, R, numChannels].
   * @param b The same shape as `a`.
   * @returns `[scores(a), scores(b)]`, each [N, 1].
   * @example
   * ```ts
   * const [fakeScores, realScores] = D.scoresPair(fakes, reals);
   * ```
   */
  scoresPair(a: tf.Tensor4D, b: tf.Tensor4D): [tf.Tensor2D, tf.Tensor2D] {
    if (a.shape.join(',') !== b.shape.join(',')) throw new RangeError(`Discriminator.scoresPair: both batches must have one shape, found [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
    const n = a.shape[0];
    const g = this.config.mbstdGroupSize > 1 ? this.config.mbstdGroupSize : 1;
    if (n % g !== 0) return [this.scores(a), this.scores(b)];
    return tf.tidy(() => {
      const m = n / g; // sample i * m + j is in group j: the pair's groups are a's then b's
      const [, h, w, c] = a.shape;
      const both = tf.reshape(tf.concat([tf.reshape(a, [g, m, h, w, c]), tf.reshape(b, [g, m, h, w, c])], 1), [2 * n, h, w, c]) as tf.Tensor4D;
      const s = tf.reshape(this.scores(both), [g, 2 * m, 1]);
      return [tf.reshape(tf.slice(s, [0, 0, 0], [g, m, 1]), [n, 1]), tf.reshape(tf.slice(s, [0, m, 0], [g, m, 1]), [n, 1])] as [tf.Tensor2D, tf.Tensor2D];
    });
  }

  /** Frees the variables. */
  dispose(): void {
    for (const v of Object.values(this.weights)) v.dispose();
  }
}

let _nextId = 0;

/**
 * Leaky ReLU 0.2 through runtime's `leakyRelu`, whose gradient is built from ops that are
 * themselves differentiable, as the R1 penalty's double backprop needs.
 */
export function _lrelu(x: tf.Tensor): tf.Tensor {
  return leakyRelu(x, 0.2);
}

let _fuse: tf.Tensor2D | null = null;

/** The [16, 9] matrix taking a 3x3 kernel to official `conv2d_downscale2d`'s fused 4x4 kernel. */
export function _fuseMatrix(): tf.Tensor2D {
  if (_fuse === null || _fuse.isDisposed) {
    const m = new Float32Array(16 * 9);
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        // k4[a][b] = 0.25 * sum over (da, db) in {0,1}^2 of wp[a + da][b + db], wp = w padded by 1
        for (let da = 0; da < 2; da++) {
          for (let db = 0; db < 2; db++) {
            const i = a + da - 1;
            const j = b + db - 1;
            if (i >= 0 && i < 3 && j >= 0 && j < 3) m[(a * 4 + b) * 9 + i * 3 + j] += 0.25;
          }
        }
      }
    }
    _fuse = tf.keep(tf.tensor2d(m, [16, 9]));
  }
  return _fuse;
}

/**
 * Official `minibatch_stddev_layer` in NHWC: the batch splits into groups of G (sample n is in
 * group slot n / M, M = N / G), the standard deviation over each group is averaged over pixels
 * and channel groups, and appended as `numFeatures` constant feature maps.
 */
export function _minibatchStddev(x: tf.Tensor4D, groupSize: number, numFeatures: number): tf.Tensor4D {
  const [N, H, W, C] = x.shape;
  const G = Math.min(groupSize, N);
  if (N % G !== 0) throw new RangeError(`minibatch stddev: batch ${N} is not divisible by the group size ${G}`);
  const M = N / G;
  const c = C / numFeatures;
  const y = tf.reshape(x, [G, M, H, W, numFeatures, c]);
  const centred = tf.sub(y, tf.mean(y, 0, true));
  const sd = tf.sqrt(tf.add(tf.mean(tf.square(centred), 0), 1e-8)); // [M, H, W, n, c]
  const s = tf.mean(sd, [1, 2, 4]); // [M, n]
  // replicate over the group and the pixels by broadcasting (tfjs has no rank-5 tile gradient)
  const perSample = tf.reshape(tf.add(tf.zeros([G, M, numFeatures]), tf.reshape(s, [1, M, numFeatures])), [N, 1, 1, numFeatures]);
  const tiled = tf.add(tf.zeros([N, H, W, numFeatures]), perSample);
  return tf.concat([x, tiled], 3) as tf.Tensor4D;
}
