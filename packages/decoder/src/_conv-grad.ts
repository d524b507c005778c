// conv2d (stride 1, same padding, odd kernel) and nearest x2 upsampling with gradients written in
// plain ops (pad, slice, matMul, conv2d, tile), so training runs on every backend without the
// Conv2DBackpropFilter / ResizeNearestNeighborGrad kernels (missing on wasm, very slow on cpu).
import * as tf from '@tensorflow/tfjs-core';

/** Largest im2col matrix (values) built in one piece; past it the taps go one at a time. */
const _IM2COL_MAX = 1 << 24;

/** Filter gradient of a same-padded stride-1 conv: dW[ky,kx] = shift(x, ky, kx)^T dy, one offset at a time (memory: one shifted copy of x). */
function _filterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, k: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, cin] = x.shape;
    const cout = dy.shape[3];
    const r = (k - 1) / 2;
    const dyFlat = tf.reshape(dy, [n * h * w, cout]);
    // dW^T = dy^T x: transposing dy (cout columns) explicitly is much faster on wasm than matMul's transposeA
    const dyT = tf.transpose(dyFlat);
    if (k === 1) return tf.reshape(tf.transpose(tf.matMul(dyT, tf.reshape(x, [n * h * w, cin]))), [1, 1, cin, cout]);
    const xp = tf.pad(x, [[0, 0], [r, r], [r, r], [0, 0]]);
    const shifted = (ky: number, kx: number) => tf.reshape(tf.slice(xp, [0, ky, kx, 0], [n, h, w, cin]), [n * h * w, cin]);
    if (n * h * w * k * k * cin <= _IM2COL_MAX) {
      // one matMul over the im2col matrix [P, k*k*cin] (tap-major, then channel: the filter's layout)
      const cols: tf.Tensor[] = [];
      for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) cols.push(shifted(ky, kx));
      return tf.reshape(tf.transpose(tf.matMul(dyT, tf.concat(cols, 1))), [k, k, cin, cout]);
    }
    const taps: tf.Tensor[] = [];
    for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) taps.push(tf.transpose(tf.matMul(dyT, shifted(ky, kx))));
    return tf.reshape(tf.stack(taps), [k, k, cin, cout]);
  });
}

/**
 * conv2d with stride 1 and same padding for an odd square kernel, with a custom gradient:
 * dx = conv2d(dy, rot180(W) with in/out swapped), dW as in {@link _filterGrad}.
 */
export const _convSame: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x4 = args[0] as tf.Tensor4D;
  const w4 = args[1] as tf.Tensor4D;
  const save = args[2] as tf.GradSaveFunc;
  save([x4, w4]);
  const value = tf.conv2d(x4, w4, 1, 'same');
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
    const k = ws.shape[0];
    const dy4 = dy as tf.Tensor4D;
    const dx = tf.tidy(() => {
      const wt = tf.transpose(tf.reverse(ws, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
      return tf.conv2d(dy4, wt, 1, 'same');
    });
    return [dx, _filterGrad(xs, dy4, k)];
  };
  return { value, gradFunc };
}) as unknown as (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;

/** Nearest-neighbour x2 upsampling (the same values as resizeNearestNeighbor to [2h, 2w]) from reshape + rank-4 tile, whose gradients every backend has. */
export function _up2(x: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const cols = tf.reshape(tf.tile(tf.reshape(x, [n * h, w, 1, c]), [1, 1, 2, 1]), [n * h, 1, 2 * w, c]);
  return tf.reshape(tf.tile(cols, [1, 2, 1, 1]), [n, 2 * h, 2 * w, c]);
}
