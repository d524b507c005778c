import * as tf from '@tensorflow/tfjs-core';

/** Nearest-neighbour x2 upscale (NHWC), as official `upscale2d`. Has a gradient on every backend. */
export function _upscale2x(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.image.resizeNearestNeighbor(x, [2 * h, 2 * w], false, false);
}

/** The normalised [1,2,1] x [1,2,1] / 16 blur kernel as a depthwise filter [3, 3, channels, 1]. */
export function _blurKernel(channels: number): tf.Tensor4D {
  const f = [1, 2, 1, 2, 4, 2, 1, 2, 1];
  const data = new Float32Array(9 * channels);
  for (let t = 0; t < 9; t++) data.fill(f[t] / 16, t * channels, (t + 1) * channels);
  return tf.tensor4d(data, [3, 3, channels, 1]);
}

/**
 * Official fused `upscale2d_conv2d` (3x3 kernel padded and summed into 4x4, conv2d_transpose
 * stride 2, SAME) equals a nearest x2 upscale followed by a SAME 3x3 convolution with the kernel
 * flipped in both spatial axes. Returns that flipped kernel [3, 3, in, out].
 */
export function _flipKernel(w: tf.Tensor4D): tf.Tensor4D {
  return tf.reverse(w, [0, 1]);
}
