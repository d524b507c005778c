// Nearest x2 upsampling with its gradient written in plain ops (reshape + sum), fast on every
// backend (cpu's ResizeNearestNeighborGrad is slow).
import * as tf from '@tensorflow/tfjs-core';

/**
 * Nearest-neighbour x2 upsampling (resizeNearestNeighbor to [2h, 2w]) with its gradient written as
 * a sum over each 2x2 block (reshape + sum), which every backend has (wasm has no
 * ResizeNearestNeighborGrad; cpu's is slow).
 */
export const _up2: (x: tf.Tensor4D) => tf.Tensor4D = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor4D;
  const [n, h, w, c] = x.shape;
  const value = tf.image.resizeNearestNeighbor(x, [2 * h, 2 * w]);
  // two sums over one axis each: each a single pass (a sum over [2, 4] at once transposes first)
  const gradFunc = (dy: tf.Tensor) => tf.sum(tf.sum(tf.reshape(dy, [n, h, 2, w, 2, c]), 4), 2);
  return { value, gradFunc };
}) as unknown as (x: tf.Tensor4D) => tf.Tensor4D;
