import * as tf from '@tensorflow/tfjs-core';
import { _LEAKY_GRAD_KERNEL } from './_elementwise-kernels.js';

/**
 * The gradient of a leaky ReLU, `dy * step(x, alpha)` (dy where x > 0, else `alpha` dy), in one
 * pass where @ganseg/native's kernels run (else tfjs's Step and Multiply: the same float32
 * values). Differentiable with respect to `dy` (the same function of the incoming gradient; with
 * respect to `x` the derivative is zero almost everywhere), so a leaky ReLU whose gradient this
 * is can be differentiated twice, as StyleGAN's R1 penalty needs.
 *
 * @param dy The incoming gradient.
 * @param x The leaky ReLU's input, the shape of `dy`.
 * @param alpha The slope for x <= 0.
 * @returns `dy * step(x, alpha)`, the shape of `dy`.
 * @example
 * ```ts
 * import { leakyReluGrad } from '@ganseg/native';
 * const g = leakyReluGrad(tf.ones([2]), tf.tensor1d([-1, 2]), 0.2); // [0.2, 1]
 * ```
 */
export function leakyReluGrad<T extends tf.Tensor>(dy: T, x: tf.Tensor, alpha: number): T {
  if (dy.shape.join(',') !== x.shape.join(',')) throw new RangeError(`leakyReluGrad: dy [${dy.shape.join(', ')}] and x [${x.shape.join(', ')}] must have one shape`);
  const native = dy.dtype === 'float32' && x.dtype === 'float32' && tf.getKernel(_LEAKY_GRAD_KERNEL, tf.getBackend()) != null;
  const op = tf.customGrad(((d: tf.Tensor) => ({
    value: native ? (tf.engine().runKernel(_LEAKY_GRAD_KERNEL, { dy: d, x }, { alpha } as unknown as tf.NamedAttrMap) as tf.Tensor) : tf.mul(d, tf.step(x, alpha)),
    gradFunc: (ddy: tf.Tensor) => leakyReluGrad(ddy, x, alpha),
  })) as unknown as Parameters<typeof tf.customGrad>[0]) as (d: tf.Tensor) => tf.Tensor;
  return op(dy) as T;
}
