// Small layer helpers over tfjs-core ops: parameters live in a flat record of named variables,
// layers are plain functions of (params, prefix, input). NHWC throughout.
import * as tf from '@tensorflow/tfjs-core';
import { leakyRelu, type Rng } from '@ganseg/runtime';
import { batchNormTrain } from '@ganseg/native';

/** A decoder member's parameters: trainable weights and BN running statistics, by name. */
export type _Params = Record<string, tf.Variable>;

/** BN batch statistics recorded during a training forward pass, applied after the step. */
export type _BnStats = { name: string; mean: tf.Tensor; variance: tf.Tensor }[];

/** Names of parameters the optimiser must not touch (BN running statistics). */
export function _isRunningStat(name: string): boolean {
  return name.endsWith('/moving_mean') || name.endsWith('/moving_var');
}

/** Names of parameters weight decay applies to (conv and dense kernels). */
export function _isKernel(name: string): boolean {
  return name.endsWith('/w');
}

/** Xavier uniform (MXNet `Xavier(factor_type='in', magnitude=2.34)`, as the paper's code): U(-s, s), s = sqrt(2.34 / fan_in). */
export function _xavier(rng: Rng, shape: number[], fanIn: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const s = Math.sqrt(2.34 / fanIn);
  const u = rng.uniformArray(n);
  for (let i = 0; i < n; i++) u[i] = (2 * u[i] - 1) * s;
  return tf.tensor(u, shape);
}

/** Adds a conv kxk (cin -> cout) with bias. */
export function _addConv(p: _Params, name: string, rng: Rng, k: number, cin: number, cout: number): void {
  p[`${name}/w`] = _var(_xavier(rng, [k, k, cin, cout], k * k * cin), true);
  p[`${name}/b`] = _var(tf.zeros([cout]), true);
}

/** Adds a dense layer (cin -> cout) with bias. */
export function _addDense(p: _Params, name: string, rng: Rng, cin: number, cout: number): void {
  p[`${name}/w`] = _var(_xavier(rng, [cin, cout], cin), true);
  p[`${name}/b`] = _var(tf.zeros([cout]), true);
}

/** Adds a batch norm over `c` channels (gamma 1, beta 0, running mean 0, running variance 1). */
export function _addBn(p: _Params, name: string, c: number): void {
  p[`${name}/gamma`] = _var(tf.ones([c]), true);
  p[`${name}/beta`] = _var(tf.zeros([c]), true);
  p[`${name}/moving_mean`] = _var(tf.zeros([c]), false);
  p[`${name}/moving_var`] = _var(tf.ones([c]), false);
}

/** The kernel of conv `name`, mirrored left-right when `mirrored` (a no-op for 1x1). */
export function _kernel(p: _Params, name: string, mirrored = false): tf.Tensor4D {
  const w = p[`${name}/w`] as tf.Tensor4D;
  return mirrored && w.shape[1] > 1 ? tf.reverse(w, 1) : w;
}

/**
 * conv kxk, stride 1, same padding, plus bias (kernel mirrored left-right when `mirrored`).
 * tfjs's own conv2d gradient: on wasm it runs @ganseg/runtime's kernels, and the gradient of an
 * input that needs none (the generator's features) is never computed.
 */
export function _conv(p: _Params, name: string, x: tf.Tensor4D, mirrored = false): tf.Tensor4D {
  return tf.add(tf.conv2d(x, _kernel(p, name, mirrored), 1, 'same'), p[`${name}/b`]);
}

/** x W + b over the last axis. */
export function _dense(p: _Params, name: string, x: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.matMul(x, p[`${name}/w`] as tf.Tensor2D), p[`${name}/b`]);
}

const BN_EPS = 1e-5;

/**
 * Batch norm over every axis but the last. Training: batch statistics (recorded in `stats` for
 * the running averages); inference: the running statistics.
 */
export function _bn<T extends tf.Tensor>(p: _Params, name: string, x: T, training: boolean, stats: _BnStats | null): T {
  const gamma = p[`${name}/gamma`];
  const beta = p[`${name}/beta`];
  if (training) {
    const { y, mean, variance } = batchNormTrain(x, gamma as tf.Tensor1D, beta as tf.Tensor1D, { epsilon: BN_EPS });
    // for the running averages only (off the loss path)
    if (stats) stats.push({ name, mean: tf.keep(mean), variance: tf.keep(variance) });
    else tf.dispose([mean, variance]);
    return y as T;
  }
  // x * scale + shift with per-channel scale and shift: the same as tf.batchNorm on the running
  // statistics, and its gradient (frozen-BN epochs train through it) needs no Tile (slow on wasm)
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(p[`${name}/moving_var`], BN_EPS)));
  return tf.add(tf.mul(x, scale), tf.sub(beta, tf.mul(p[`${name}/moving_mean`], scale))) as T;
}

/** Updates BN running statistics: m = momentum m + (1 - momentum) batch (MXNet's default momentum 0.9). Disposes the recorded stats. */
export function _applyBnStats(p: _Params, stats: _BnStats, momentum = 0.9): void {
  for (const s of stats) {
    const mm = p[`${s.name}/moving_mean`];
    const mv = p[`${s.name}/moving_var`];
    tf.tidy(() => {
      mm.assign(tf.add(tf.mul(mm, momentum), tf.mul(s.mean, 1 - momentum)));
      mv.assign(tf.add(tf.mul(mv, momentum), tf.mul(s.variance, 1 - momentum)));
    });
    s.mean.dispose();
    s.variance.dispose();
  }
  stats.length = 0;
}

/** Number of values in the trainable parameters. */
export function _countParams(p: _Params): number {
  let n = 0;
  for (const [name, v] of Object.entries(p)) if (!_isRunningStat(name)) n += v.size;
  return n;
}

/** A variable holding `t` (which is then released, so only the variable counts as a tensor). */
export function _var(t: tf.Tensor, trainable: boolean): tf.Variable {
  const v = tf.variable(t, trainable);
  t.dispose();
  return v;
}

/**
 * conv bias + batch norm + LeakyReLU(0.2), then an inverted-dropout mask when `dropout` is given:
 * the block every conv of the conv decoder ends in, for `x` = the conv's output without its bias.
 * Training (batch statistics): `batchNormTrain` with the activation fused (one oneDNN call each way
 * under @ganseg/native; elsewhere an op whose backprop keeps only `x` and its output), then the
 * mask (the bias cancels in the normalisation: its gradient is 0; the batch statistics go to
 * `stats` for the running averages).
 * Otherwise (running statistics): per-channel affine with the bias folded in, in plain ops.
 *
 * @example
 * ```ts
 * const y = _biasBnAct(p, 'cvt0/conv', 'cvt0/bn', tf.conv2d(x, w, 1, 'same'), true, stats, { rate: 0.5, rng });
 * ```
 */
export function _biasBnAct(
  p: _Params,
  conv: string,
  bn: string,
  x: tf.Tensor4D,
  training: boolean,
  stats: _BnStats | null,
  dropout: { rate: number; rng: Rng } | null = null,
): tf.Tensor4D {
  const bias = p[`${conv}/b`];
  const gamma = p[`${bn}/gamma`];
  const beta = p[`${bn}/beta`];
  const mask = dropout && dropout.rate > 0 ? _dropoutMask(x.shape, dropout.rate, dropout.rng) : null;
  if (!training) {
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(p[`${bn}/moving_var`], BN_EPS)));
    const shift = tf.add(beta, tf.mul(tf.sub(bias, p[`${bn}/moving_mean`]), scale));
    const y = leakyRelu(tf.add(tf.mul(x, scale), shift), 0.2) as tf.Tensor4D;
    return mask ? (tf.mul(y, mask) as tf.Tensor4D) : y;
  }
  try {
    // The bias cancels in the normalisation (its gradient is 0); it enters through a zero-weighted
    // per-channel term so that the optimiser still sees that gradient.
    const g = tf.add(gamma, tf.mul(bias, 0)) as tf.Tensor1D;
    const { y, mean, variance } = batchNormTrain(x, g, beta as tf.Tensor1D, { epsilon: BN_EPS, activation: 'leakyrelu', alpha: 0.2 });
    // the batch statistics of x + bias: the mean moves by the bias, the variance does not
    if (stats) stats.push({ name: bn, mean: tf.keep(tf.add(mean, bias)), variance: tf.keep(variance) });
    else tf.dispose([mean, variance]);
    return (mask ? tf.mul(y, mask) : y) as tf.Tensor4D;
  } finally {
    mask?.dispose();
  }
}

/** An inverted-dropout mask (0 or 1 / (1 - rate)) drawn from `rng`. */
function _dropoutMask(shape: number[], rate: number, rng: Rng): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const u = rng.maskArray(n, rate, 1 / (1 - rate));
  return tf.tensor(u, shape);
}
