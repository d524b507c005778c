import * as tf from '@tensorflow/tfjs-core';

/**
 * The four output phases p[2 py + px] [N, H, W, C] of a x2 upsampling, interleaved into
 * [N, 2H, 2W, C] (output (2m + py, 2n + px) is p[2 py + px] at (m, n)).
 */
export function _interleave(p: tf.Tensor4D[]): tf.Tensor4D {
  const [n, h, w, c] = p[0].shape;
  // interleave by concat + reshape (tfjs-wasm differentiates a rank-5/6 stack element by element
  // in JavaScript: 7x slower than this, for the same values)
  const row0 = tf.reshape(tf.concat([p[0], p[1]], 3), [n, h, 2 * w, c]);
  const row1 = tf.reshape(tf.concat([p[2], p[3]], 3), [n, h, 2 * w, c]);
  return tf.reshape(tf.concat([row0, row1], 2), [n, 2 * h, 2 * w, c]);
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

/**
 * Per axis, the taps on the low-resolution input (rows: x[m-1], x[m], x[m+1]) of output phase 0
 * and 1 of StyleGAN2's `upsample_conv_2d` (upfirdn [1,3,3,1] x2, gain 4, then a 3x3 conv on the
 * full upsampled signal), as a function of the conv's three taps (columns): out[2m] reads
 * u[2m-1..2m+1] with u[2j] = (x[j-1] + 3 x[j]) / 4, u[2j+1] = (3 x[j] + x[j+1]) / 4.
 */
const _UPFIR_TAPS = [
  [[3 / 4, 1 / 4, 0], [1 / 4, 3 / 4, 3 / 4], [0, 0, 1 / 4]],
  [[1 / 4, 0, 0], [3 / 4, 3 / 4, 1 / 4], [0, 1 / 4, 3 / 4]],
];

/**
 * The four 3x3 phase kernels (order (0,0), (0,1), (1,0), (1,1)) that compute StyleGAN2's
 * upsampling conv (`upsample_conv_2d` with the [1,3,3,1] filter) of a 3x3 kernel k [3, 3, I, O]
 * as SAME 3x3 convolutions on the low-resolution input, interleaved by {@link _interleave}: exact,
 * borders included (the low-resolution input is zero outside).
 */
export function _upfirKernels(k: tf.Tensor4D): tf.Tensor4D[] {
  const [, , ci, co] = k.shape;
  const m = ci * co;
  const k2 = tf.reshape(k, [3, 3 * m]);
  const out: tf.Tensor4D[] = [];
  for (const py of [0, 1]) {
    // rows: a (tap on x along y); then the same along x
    const t = tf.reshape(tf.matMul(tf.tensor2d(_UPFIR_TAPS[py]), k2), [3, 3, m]);
    const tx = tf.reshape(tf.transpose(t, [1, 0, 2]), [3, 3 * m]);
    for (const px of [0, 1]) {
      const u = tf.reshape(tf.matMul(tf.tensor2d(_UPFIR_TAPS[px]), tx), [3, 3, m]); // [b, a, m]
      out.push(tf.reshape(tf.transpose(u, [1, 0, 2]), [3, 3, ci, co]));
    }
  }
  return out;
}

/** The four depthwise phase kernels [3, 3, C, 1] of StyleGAN2's `upsample_2d` ([1,3,3,1], x2). */
export function _upfirDepthwise(channels: number): tf.Tensor4D[] {
  const out: tf.Tensor4D[] = [];
  for (const py of [0, 1]) {
    for (const px of [0, 1]) {
      const data = new Float32Array(9 * channels);
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) data.fill(_UPFIR_TAPS[py][a][1] * _UPFIR_TAPS[px][b][1], (3 * a + b) * channels, (3 * a + b + 1) * channels);
      }
      out.push(tf.tensor4d(data, [3, 3, channels, 1]));
    }
  }
  return out;
}
