// conv2d (stride 1, same padding, odd kernel) and nearest x2 upsampling with gradients written in
// plain ops (pad, transpose, conv2d, tile), so training runs on every backend without the
// Conv2DBackpropFilter / ResizeNearestNeighborGrad kernels (missing on wasm, very slow on cpu).
import * as tf from '@tensorflow/tfjs-core';

/**
 * Filter gradient of a same-padded stride-1 conv, itself as one conv:
 * dW[ky,kx,ci,co] = sum_{n,y,x} xpad[n,y+ky,x+kx,ci] dy[n,y,x,co], i.e. a 'valid' conv of xpad with
 * batch and channels swapped ([Cin, H+k-1, W+k-1, N]) by dy as the filter ([H, W, N, Cout]), giving
 * [Cin, k, k, Cout]. On wasm this runs as one large GEMM, 3-4x faster than k*k matMuls.
 */
function _filterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, k: number): tf.Tensor4D {
  return tf.tidy(() => {
    const r = (k - 1) / 2;
    const xp = r > 0 ? tf.pad(x, [[0, 0], [r, r], [r, r], [0, 0]]) : x;
    const xs = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D;
    const f = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
    return tf.transpose(tf.conv2d(xs, f, 1, 'valid'), [1, 2, 0, 3]) as tf.Tensor4D;
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

/**
 * Nearest-neighbour x2 upsampling (resizeNearestNeighbor to [2h, 2w]) with its gradient written as
 * a sum over each 2x2 block (reshape + sum), which every backend has (wasm has no
 * ResizeNearestNeighborGrad; cpu's is slow).
 */
export const _up2: (x: tf.Tensor4D) => tf.Tensor4D = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor4D;
  const [n, h, w, c] = x.shape;
  const value = tf.image.resizeNearestNeighbor(x, [2 * h, 2 * w]);
  const gradFunc = (dy: tf.Tensor) => tf.sum(tf.reshape(dy, [n, h, 2, w, 2, c]), [2, 4]);
  return { value, gradFunc };
}) as unknown as (x: tf.Tensor4D) => tf.Tensor4D;
