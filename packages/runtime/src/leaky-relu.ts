import * as tf from '@tensorflow/tfjs-core';
import { leakyReluGrad } from '@ganseg/native';

/**
 * Leaky ReLU whose gradient is `dy * step(x, alpha)` (1 where x > 0, else alpha), through
 * @ganseg/native's `leakyReluGrad` (one pass on its kernels, else `Step` and `Multiply`),
 * differentiable, where tfjs's own LeakyRelu gradient takes `Greater` (which has no gradient, so
 * a second derivative fails) and `Select`, slow on wasm. The same values and first derivative as
 * `tf.leakyRelu`; twice differentiable, as StyleGAN's R1 penalty needs.
 *
 * @param x Any float tensor.
 * @param alpha The slope for x <= 0 (default 0.2).
 * @returns `max(x, alpha x)`, the shape of `x`.
 * @example
 * ```ts
 * const y = leakyRelu(tf.tensor1d([-1, 2]), 0.2); // [-0.2, 2]
 * ```
 */
export function leakyRelu<T extends tf.Tensor>(x: T, alpha = 0.2): T {
  return _leaky(alpha)(x) as T;
}

const _byAlpha = new Map<number, (x: tf.Tensor) => tf.Tensor>();

function _leaky(alpha: number): (x: tf.Tensor) => tf.Tensor {
  let f = _byAlpha.get(alpha);
  if (f === undefined) {
    f = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
      save([x]);
      return { value: tf.leakyRelu(x, alpha), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => leakyReluGrad(dy, saved[0], alpha) };
    }) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;
    _byAlpha.set(alpha, f);
  }
  return f;
}
