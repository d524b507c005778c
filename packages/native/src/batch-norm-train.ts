import * as tf from '@tensorflow/tfjs-core';
import { _BN_ACT, _BN_GRAD_KERNEL, _BN_KERNEL } from './_batch-norm-kernels.js';

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

let _gradientDone = false;

function _registerGradient(): void {
  if (_gradientDone) return;
  _gradientDone = true;
  tf.registerGradient({
    kernelName: _BN_KERNEL,
    inputsToSave: ['x', 'gamma', 'beta'],
    outputsToSave: [true, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [x, gamma, beta, y, mean, variance] = saved;
      const dy = Array.isArray(dys) ? dys[0] : dys;
      // One kernel gives all three (each closure runs in a tidy of its own, so compute them here).
      const [dx, dgamma, dbeta] = tf.engine().runKernel(_BN_GRAD_KERNEL, { x, gamma, beta, mean, variance, y, dy }, attrs as tf.NamedAttrMap) as tf.Tensor[];
      return { x: () => dx, gamma: () => dgamma, beta: () => dbeta };
    },
  });
}

function _composite(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number, act: string, alpha: number): BatchNormTrainResult {
  return tf.tidy(() => {
    const axes = x.shape.map((_, i) => i).slice(0, -1);
    const { mean, variance } = tf.moments(x, axes);
    let y: tf.Tensor = tf.batchNorm(x, mean, variance, beta, gamma, eps);
    if (act === 'relu') y = tf.relu(y);
    else if (act === 'leakyrelu') y = tf.leakyRelu(y, alpha);
    return { y, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
  });
}

/**
 * Training-mode batch normalisation over the last (channel) axis, with an optional ReLU or leaky
 * ReLU, differentiable in `x`, `gamma` and `beta`: `act(gamma * (x - mean) / sqrt(var + eps) + beta)`
 * with the batch's mean and biased variance. On the wasm backend with @ganseg/native's kernels it
 * is one oneDNN call forward and one backward (instead of ~15 elementwise ops each way);
 * elsewhere it is the same formula in tfjs ops. `mean` and `variance` are returned for running
 * statistics: gradients flow through `y` only on the native path.
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
