import * as tf from '@tensorflow/tfjs-core';
import { nativeKernelsActive } from '@ganseg/native';

// Along one axis, a nearest x2 upscale followed by a SAME 3x3 convolution with taps (w0, w1, w2)
// gives out[2m] = w0 x[m-1] + (w1 + w2) x[m] and out[2m+1] = (w0 + w1) x[m] + w2 x[m+1]: the
// transposed convolution (stride 2, SAME, pad 1 before) of x with the 4 taps
// (w2, w1 + w2, w0 + w1, w0). _A[k][j] says whether 3x3 tap j adds to 4x4 tap k; the 2-D kernel
// is _A (x) _A, one [16, 9] matrix.
const _A = [
  [0, 0, 1],
  [0, 1, 1],
  [1, 1, 0],
  [1, 0, 0],
];
const _S: Float32Array = (() => {
  const s = new Float32Array(16 * 9);
  for (let ky = 0; ky < 4; ky++)
    for (let kx = 0; kx < 4; kx++)
      for (let jy = 0; jy < 3; jy++) for (let jx = 0; jx < 3; jx++) s[(ky * 4 + kx) * 9 + jy * 3 + jx] = _A[ky][jy] * _A[kx][jx];
  return s;
})();

// The plain-wasm formulation: each of the four output phases (row parity a, column parity b)
// sees a 2x2 window of x, with taps that are sums of the 3x3 kernel's (rows: phase 0 takes
// W0 | W1+W2 from rows i-1 | i, phase 1 takes W0+W1 | W2 from rows i | i+1). One 2x2 'valid' conv
// of x padded by 1 with the four phase kernels side by side (4 cout channels), then the phases
// interleaved by concat + reshape. _P[(dy, dx, a, b), (ky, kx)]: 3x3 tap (ky, kx) adds to tap (dy, dx) of phase (a, b).
const _ROWS = [
  [
    [1, 0, 0],
    [0, 1, 1],
  ],
  [
    [1, 1, 0],
    [0, 0, 1],
  ],
]; // _ROWS[a][d][k]: 3x3 row k feeds 2x2 row d of phase a
const _P: Float32Array = (() => {
  const s = new Float32Array(16 * 9);
  for (let dy = 0; dy < 2; dy++)
    for (let dx = 0; dx < 2; dx++)
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++)
          for (let ky = 0; ky < 3; ky++)
            for (let kx = 0; kx < 3; kx++) s[(((dy * 2 + dx) * 2 + a) * 2 + b) * 9 + ky * 3 + kx] = _ROWS[a][dy][ky] * _ROWS[b][dx][kx];
  return s;
})();

/**
 * `tf.conv2d(upsampleNearestX2(x), w, 1, 'same')` for a 3x3 kernel, computed at x's resolution:
 * 16 instead of 36 multiply-adds per input pixel and channel pair, no upsampled copy. Where
 * `@ganseg/native`'s oneDNN kernels run (and on tfjs-node), one transposed convolution (stride 2,
 * 4x4 kernel of sums of w's taps), one kernel call each way; on plain wasm, whose transposed
 * convolution is slow, one 2x2 convolution giving the four output phases, interleaved. Both give
 * the upscale-then-convolve formula's values and gradients (for x and w), borders included.
 * StyleGAN's upsampling layers and the paper's decoder use it.
 *
 * @param x `[n, h, w, cin]`.
 * @param w `[3, 3, cin, cout]` (tfjs's conv2d layout).
 * @returns `[n, 2h, 2w, cout]`.
 * @example
 * ```ts
 * const y = upsampleConv3x3(x, w); // x [1, 8, 8, 16], w [3, 3, 16, 32] -> y [1, 16, 16, 32]
 * ```
 */
export function upsampleConv3x3(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  const [kh, kw, cin] = w.shape;
  if (kh !== 3 || kw !== 3) throw new RangeError(`upsampleConv3x3 takes a 3x3 kernel [3, 3, cin, cout]; got ${kh}x${kw}. Use tf.conv2d on the upsampled input for other sizes.`);
  if (x.shape[3] !== cin) throw new RangeError(`upsampleConv3x3: x has ${x.shape[3]} channels but the kernel takes ${cin}; x must be [n, h, w, ${cin}].`);
  return tf.getBackend() === 'wasm' && !nativeKernelsActive() ? _upsampleConvPhases(x, w) : _upsampleConvTransposed(x, w);
}

/** {@link upsampleConv3x3} as one transposed convolution. */
export function _upsampleConvTransposed(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  const [n, h, wd] = x.shape;
  const [, , cin, cout] = w.shape;
  return tf.tidy(() => {
    // [3, 3, cout, cin] -> [16, cout*cin] -> [4, 4, cout, cin] (conv2dTranspose's [kh, kw, out, in]);
    // the 3x3 kernel is the smaller one to transpose
    const wt = tf.reshape(tf.transpose(w, [0, 1, 3, 2]), [9, cout * cin]);
    const k4 = tf.reshape(tf.matMul(tf.tensor2d(_S, [16, 9]), wt), [4, 4, cout, cin]) as tf.Tensor4D;
    return tf.conv2dTranspose(x, k4, [n, 2 * h, 2 * wd, cout], 2, 'same');
  });
}

/** {@link upsampleConv3x3} as one 2x2 convolution giving the four output phases, interleaved. */
export function _upsampleConvPhases(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  const [n, h, wd] = x.shape;
  const [, , cin, cout] = w.shape;
  return tf.tidy(() => {
    const t = tf.matMul(tf.tensor2d(_P, [16, 9]), tf.reshape(w, [9, cin * cout])); // [(dy,dx), (a,b), cin*cout]
    const k = tf.reshape(tf.transpose(tf.reshape(t, [4, 4, cin, cout]), [0, 2, 1, 3]), [2, 2, cin, 4 * cout]) as tf.Tensor4D;
    const z = tf.conv2d(tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]), k, 1, 'valid'); // [n, h+1, w+1, 4 cout]
    const phase = (a: number, b: number) => tf.slice(z, [0, a, b, (2 * a + b) * cout], [n, h, wd, cout]);
    // rows of parity a: columns interleaved (b inner), then the two row parities interleaved (a inner)
    const row = (a: number) => tf.reshape(tf.concat([phase(a, 0), phase(a, 1)], 3), [n, h, 2 * wd, cout]);
    return tf.reshape(tf.concat([row(0), row(1)], 2), [n, 2 * h, 2 * wd, cout]) as tf.Tensor4D;
  });
}
