import * as tf from '@tensorflow/tfjs-core';

/** Source rows and weights of one output axis of a resize, exactly as tfjs's forward kernels compute them. */
function _axis(inSize: number, outSize: number, alignCorners: boolean, halfPixel: boolean, mode: 'bilinear' | 'nearest'): { idx: Int32Array; wt: Float32Array } {
  const a = alignCorners && outSize > 1;
  const ratio = (a ? inSize - 1 : inSize) / (a ? outSize - 1 : outSize);
  const per = mode === 'bilinear' ? 2 : 1;
  const idx = new Int32Array(outSize * per);
  const wt = new Float32Array(outSize * per);
  for (let r = 0; r < outSize; r++) {
    if (mode === 'bilinear') {
      const src = halfPixel ? ratio * (r + 0.5) - 0.5 : ratio * r;
      const lo = Math.max(0, Math.floor(src));
      const frac = src - lo;
      idx[2 * r] = lo;
      wt[2 * r] = 1 - frac;
      idx[2 * r + 1] = Math.min(inSize - 1, Math.ceil(src));
      wt[2 * r + 1] = frac;
    } else {
      const src = ratio * (halfPixel ? r + 0.5 : r);
      let i = Math.min(inSize - 1, alignCorners ? Math.round(src) : Math.floor(src));
      if (halfPixel) i = Math.max(0, i);
      idx[r] = i;
      wt[r] = 1;
    }
  }
  return { idx, wt };
}

/**
 * Adjoint of a resize along axis 0 of `t` (`[outSize, ...]` -> `[inSize, ...]`): weighted rows,
 * summed by scatterND. Bilinear rows go to two sources: `[t * wLo; t * wHi]` (a concat, since
 * wasm's Gather is slow generic code).
 */
function _scatterAxis0(t: tf.Tensor, inSize: number, ax: { idx: Int32Array; wt: Float32Array }, mode: 'bilinear' | 'nearest'): tf.Tensor {
  const rest = t.shape.slice(1);
  const out = t.shape[0];
  const ones = rest.map(() => 1);
  if (mode === 'nearest') return tf.scatterND(tf.tensor2d(ax.idx, [out, 1], 'int32'), t, [inSize, ...rest]);
  const lo = new Int32Array(out);
  const hi = new Int32Array(out);
  const wLo = new Float32Array(out);
  const wHi = new Float32Array(out);
  for (let r = 0; r < out; r++) {
    [lo[r], hi[r], wLo[r], wHi[r]] = [ax.idx[2 * r], ax.idx[2 * r + 1], ax.wt[2 * r], ax.wt[2 * r + 1]];
  }
  const upd = tf.concat([tf.mul(t, tf.reshape(tf.tensor1d(wLo), [out, ...ones])), tf.mul(t, tf.reshape(tf.tensor1d(wHi), [out, ...ones]))], 0);
  const idx = new Int32Array(2 * out);
  idx.set(lo, 0);
  idx.set(hi, out);
  return tf.scatterND(tf.tensor2d(idx, [2 * out, 1], 'int32'), upd, [inSize, ...rest]);
}

/**
 * Gradient of an NHWC resize (bilinear or nearest neighbour) from wasm ops: the resize is
 * separable, so its adjoint is one weighted scatter-add (scatterND) per spatial axis, with the
 * source rows and weights of tfjs's forward kernels (alignCorners and halfPixelCenters honoured).
 * tfjs-backend-wasm 4.22's own ResizeBilinearGrad and ResizeNearestNeighborGrad swap height and
 * width on non-square images.
 */
export function _resizeGrad(
  dy: tf.Tensor4D,
  imageShape: [number, number, number, number],
  mode: 'bilinear' | 'nearest',
  alignCorners: boolean,
  halfPixelCenters: boolean,
): tf.Tensor4D {
  const [n, h, w, c] = imageShape;
  const [, oh, ow] = dy.shape;
  return tf.tidy(() => {
    const ay = _axis(h, oh, alignCorners, halfPixelCenters, mode);
    const ax = _axis(w, ow, alignCorners, halfPixelCenters, mode);
    const byY = _scatterAxis0(tf.transpose(dy, [1, 0, 2, 3]), h, ay, mode); // [H, N, OW, C]
    const byX = _scatterAxis0(tf.transpose(byY, [2, 0, 1, 3]), w, ax, mode); // [W, H, N, C]
    return tf.reshape(tf.transpose(byX, [2, 1, 0, 3]), [n, h, w, c]) as tf.Tensor4D;
  });
}
