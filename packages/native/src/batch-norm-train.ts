import * as tf from '@tensorflow/tfjs-core';
import { _BN_ACT, _BN_GRAD_KERNEL, _BN_KERNEL } from './_batch-norm-kernels.js';
import { _registerFusedGradient } from './_fused-gradient.js';

/** Options for {@link batchNormTrain}. */
export interface BatchNormTrainOptions {
  /** Added to the variance; default 1e-5. */
  epsilon?: number;
  /** Applied after scale and shift; default `linear`. */
  activation?: 'linear' | 'relu' | 'leakyrelu';
  /** The leaky ReLU's slope for negative inputs; default 0.2. */
  alpha?: number;
}

/** The normalised output and the batch statistics (biased variance, as `tf.moments`). */
export interface BatchNormTrainResult {
  y: tf.Tensor;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

function _registerGradient(): void {
  _registerFusedGradient(
    _BN_KERNEL,
    _BN_GRAD_KERNEL,
    { inputsToSave: ['x', 'gamma', 'beta'], outputsToSave: [true, true, true] },
    (dy, [x, gamma, beta, y, mean, variance]) => ({ x, gamma, beta, mean, variance, y, dy }),
    ['x', 'gamma', 'beta'],
  );
}

/**
 * Backprop of training-mode batch norm from its input `x`, batch mean, `rstd` = 1 / sqrt(var +
 * eps) and `gamma`: dx = gamma rstd (dy - mean(dy) - xhat mean(dy xhat)); dgamma = sum(dy xhat);
 * dbeta = sum(dy).
 */
function _backward(dy: tf.Tensor, x: tf.Tensor, mean: tf.Tensor, rstd: tf.Tensor, gamma: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const axes = x.shape.map((_, i) => i).slice(0, -1);
  const xhat = tf.mul(tf.sub(x, mean), rstd);
  const dyMean = tf.mean(dy, axes);
  const dyXhatMean = tf.mean(tf.mul(dy, xhat), axes);
  const dx = tf.mul(tf.mul(gamma, rstd), tf.sub(tf.sub(dy, dyMean), tf.mul(xhat, dyXhatMean)));
  const n = x.size / x.shape[x.rank - 1];
  return [dx, tf.mul(dyXhatMean, n), tf.sum(dy, axes)];
}

/**
 * The same in tfjs ops, with the gradient written out: the tape keeps `x`, the output and the
 * per-channel statistics, not the half-dozen full-size intermediates of the ops spelled out
 * (tfjs's own batchNorm gradient also tiles, which is slow on wasm).
 */
function _composite(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number, act: string, alpha: number): BatchNormTrainResult {
  const axes = x.shape.map((_, i) => i).slice(0, -1);
  const { mean, variance } = tf.tidy(() => tf.moments(x, axes));
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xs, g, b, m, v] = args as tf.Tensor[];
    const save = args[5] as tf.GradSaveFunc;
    const rstd = tf.rsqrt(tf.add(v, eps));
    const z = tf.batchNorm(xs, m, v, b, g, eps);
    const y = act === 'relu' ? tf.relu(z) : act === 'leakyrelu' ? tf.leakyRelu(z, alpha) : z;
    save([xs, m, rstd, g, y]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tf.tidy(() => {
        const [xv, mv, r, gv, yv] = saved;
        const dz = act === 'linear' ? dy : tf.where(tf.greater(yv, 0), dy, act === 'relu' ? tf.zerosLike(dy) : tf.mul(dy, alpha));
        const [dx, dGamma, dBeta] = _backward(dz, xv, mv, r, gv);
        // mean and variance are inputs only so the forward can reuse them: their gradients are
        // folded into dx above, as for the native kernel
        return [dx, dGamma, dBeta, tf.zerosLike(mv), tf.zerosLike(mv)];
      });
    return { value: y, gradFunc };
  }) as unknown as (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, m: tf.Tensor, v: tf.Tensor) => tf.Tensor;
  return { y: op(x, gamma, beta, mean, variance), mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}

/**
 * Training-mode batch normalisation over the last (channel) axis, with an optional ReLU or leaky
 * ReLU, differentiable in `x`, `gamma` and `beta`: `act(gamma * (x - mean) / sqrt(var + eps) + beta)`
 * with the batch's mean and biased variance. On the wasm backend with @ganseg/native's kernels it
 * is one oneDNN call forward and one backward (instead of ~15 elementwise ops each way);
 * elsewhere it is the same formula in tfjs ops. `mean` and `variance` are returned for running
 * statistics: gradients flow through `y` only.
 *
 * @param x NHWC (or any `[..., C]`) activations.
 * @param gamma Scale, `[C]`.
 * @param beta Shift, `[C]`.
 * @param options Epsilon and activation.
 * @returns `y` (shape of `x`), `mean` and `variance` (`[C]`).
 * @example
 * ```ts
 * import { batchNormTrain } from '@ganseg/native';
 * const { y, mean, variance } = batchNormTrain(x, gamma, beta, { activation: 'relu' });
 * ```
 */
export function batchNormTrain(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, options: BatchNormTrainOptions = {}): BatchNormTrainResult {
  const eps = options.epsilon ?? 1e-5;
  const act = options.activation ?? 'linear';
  const alpha = options.alpha ?? 0.2;
  if (!(act in _BN_ACT)) throw new Error(`batchNormTrain: activation "${act}" is not one of ${Object.keys(_BN_ACT).join(', ')}`);
  const c = x.shape[x.shape.length - 1];
  if (gamma.size !== c || beta.size !== c) throw new Error(`batchNormTrain: gamma and beta must have ${c} values (x's last axis); got ${gamma.size} and ${beta.size}`);
  if (x.dtype === 'float32' && tf.getKernel(_BN_KERNEL, tf.getBackend()) != null) {
    _registerGradient();
    const [y, mean, variance] = tf.engine().runKernel(_BN_KERNEL, { x, gamma, beta }, { epsilon: eps, act: _BN_ACT[act], alpha }) as tf.Tensor[];
    return { y, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
  }
  return _composite(x, gamma, beta, eps, act, alpha);
}
