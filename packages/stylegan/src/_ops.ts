import * as tf from '@tensorflow/tfjs-core';

/**
 * Nearest x2 upscale followed by a SAME 3x3 convolution with kernel v, computed as four 2x2
 * convolutions on the low-resolution input, one per output phase (py, px), interleaved: 16 instead
 * of 36 multiply-adds per input pixel and channel pair, no upscaled copy. Along one axis, output
 * 2m reads (x[m-1], x[m]) with taps (v0, v1 + v2) and output 2m+1 reads (x[m], x[m+1]) with taps
 * (v0 + v1, v2). Differentiable with plain conv2d, concat and reshape.
 *
 * @param x [N, H, W, Cin].
 * @param phases The four kernels [2, 2, Cin, Cout] from {@link _phaseKernels}, order (0,0), (0,1), (1,0), (1,1).
 * @returns [N, 2H, 2W, Cout].
 */
export function _upConv(x: tf.Tensor4D, phases: tf.Tensor4D[]): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const c = phases[0].shape[3];
  const p: tf.Tensor4D[] = [];
  for (const py of [0, 1]) {
    for (const px of [0, 1]) {
      p.push(tf.conv2d(x, phases[2 * py + px], 1, [[0, 0], [1 - py, py], [1 - px, px], [0, 0]]));
    }
  }
  // interleave by concat + reshape (tfjs-wasm differentiates a rank-5/6 stack element by element
  // in JavaScript: 7x slower than this, for the same values)
  const row0 = tf.reshape(tf.concat([p[0], p[1]], 3), [n, h, 2 * w, c]);
  const row1 = tf.reshape(tf.concat([p[2], p[3]], 3), [n, h, 2 * w, c]);
  return tf.reshape(tf.concat([row0, row1], 2), [n, 2 * h, 2 * w, c]);
}

/** The four 2x2 phase kernels of {@link _upConv} from a 3x3 kernel v [3, 3, Cin, Cout]. */
export function _phaseKernels(v: tf.Tensor4D): tf.Tensor4D[] {
  const taps = (t: tf.Tensor4D, axis: 0 | 1, phase: number): tf.Tensor4D => {
    const [a, b, c] = tf.split(t, 3, axis) as tf.Tensor4D[];
    return (phase === 0 ? tf.concat([a, tf.add(b, c)], axis) : tf.concat([tf.add(a, b), c], axis)) as tf.Tensor4D;
  };
  const out: tf.Tensor4D[] = [];
  for (const py of [0, 1]) for (const px of [0, 1]) out.push(taps(taps(v, 0, py), 1, px));
  return out;
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
