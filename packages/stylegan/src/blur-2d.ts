import * as tf from '@tensorflow/tfjs-core';
import { _blurKernel } from './_ops.js';

/**
 * StyleGAN's blur: the [1,2,1] x [1,2,1] / 16 filter on every channel of an NHWC batch, SAME with
 * zero padding, optionally plus a per-channel bias (the generator's blur after an upsampling
 * convolution, the discriminator's before a downsampling one). Runs as one depthwise convolution.
 *
 * The gradient with respect to `x` is the same blur of `dy` (the filter is symmetric and the
 * padding even, so the blur is its own transpose), itself through `blur2d`: differentiable to any
 * order, as the R1 penalty's double backprop through the discriminator needs, with no filter
 * gradient computed (tfjs's depthwise backprop kernels have no gradients of their own, and a
 * dense conv2d with a block-diagonal filter costs `channels` times the flops).
 *
 * @param x NHWC [N, H, W, C].
 * @param bias Optional [C], added after the blur (its gradient is the sum of `dy` over N, H, W).
 * @returns The blurred batch, the shape of `x`.
 * @example
 * ```ts
 * const y = blur2d(tf.ones([1, 4, 4, 2]) as tf.Tensor4D); // 1 inside, 0.75 on edges, 0.5625 at corners
 * ```
 */
export function blur2d(x: tf.Tensor4D, bias?: tf.Tensor1D): tf.Tensor4D {
  if (x.rank !== 4) throw new RangeError(`blur2d: x must be NHWC [N, H, W, C], found [${x.shape.join(', ')}]`);
  const c = x.shape[3];
  if (bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== c)) throw new RangeError(`blur2d: bias must be [${c}] (one a channel), found [${bias.shape.join(', ')}]`);
  return bias === undefined ? (_blur(x) as tf.Tensor4D) : (_blurBias(x, bias) as tf.Tensor4D);
}

/** `f(filter)` with the depthwise blur filter [3, 3, C, 1] for x's channels, made for this call and freed after (nothing is kept between calls). */
function _withKernel(x: tf.Tensor4D, f: (k: tf.Tensor4D) => tf.Tensor4D): tf.Tensor4D {
  const k = _blurKernel(x.shape[3]);
  const y = f(k);
  k.dispose();
  return y;
}

const _blur = tf.customGrad(((x: tf.Tensor4D) => ({
  value: _withKernel(x, (k) => tf.depthwiseConv2d(x, k, 1, 'same')),
  gradFunc: (dy: tf.Tensor4D) => _blur(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;

const _blurBias = tf.customGrad(((x: tf.Tensor4D, bias: tf.Tensor1D) => ({
  value: _withKernel(x, (k) => tf.fused.depthwiseConv2d({ x, filter: k, strides: 1, pad: 'same', bias })),
  gradFunc: (dy: tf.Tensor4D) => [_blur(dy), tf.sum(dy, [0, 1, 2])],
})) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor, bias: tf.Tensor) => tf.Tensor;
