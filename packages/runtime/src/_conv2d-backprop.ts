import * as tf from '@tensorflow/tfjs-core';
import { _convGeometry, _im2colT, _rowsPerChunk, _window, type _Pad } from './_conv-geometry.js';

/**
 * Gradient of an NHWC conv2d with respect to its filter, from wasm-fast ops only: a transposed
 * im2col (`[KH*KW*Ci, M]`, built from plain slices) times `dy` as `[M, Co]`, one matMul without
 * transposes, in row chunks that keep the im2col block under 64 MB. Any stride, dilation and
 * padding tfjs accepts (strides or dilations equal to 1).
 */
export function _conv2dBackpropFilter(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: _Pad,
  dilations?: number | [number, number],
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
  dataFormat?: string,
): tf.Tensor4D {
  const g = _convGeometry('Conv2DBackpropFilter', x.shape, filterShape, strides, pad, dilations, dimRoundingMode, false, dataFormat);
  const co = filterShape[3];
  return tf.tidy(() => {
    const xT = tf.transpose(x, [3, 0, 1, 2]) as tf.Tensor4D;
    const step = _rowsPerChunk(g);
    let acc: tf.Tensor | null = null;
    for (let r0 = 0; r0 < g.oh; r0 += step) {
      const r1 = Math.min(g.oh, r0 + step);
      const part = tf.tidy(() => {
        const cols = _im2colT(xT, g, r0, r1, 'taps');
        const dyc = r0 === 0 && r1 === g.oh ? dy : tf.slice(dy, [0, r0, 0, 0], [g.n, r1 - r0, g.ow, co]);
        return tf.matMul(cols as tf.Tensor2D, tf.reshape(dyc, [g.n * (r1 - r0) * g.ow, co]) as tf.Tensor2D);
      });
      acc = acc == null ? part : tf.add(acc, part);
    }
    return tf.reshape(acc!, filterShape);
  });
}

/**
 * Gradient of an NHWC conv2d with respect to its input (also the forward pass of
 * conv2dTranspose), from wasm-fast ops only. Stride 1 (any dilation): one conv2d of `dy` with the
 * flipped, transposed filter. Stride s > 1: the sub-pixel decomposition, one stride-1 conv2d whose
 * `s*s` output channel groups are the output phases (no zero-stuffing of `dy`), then a
 * depth-to-space reshuffle and a crop.
 */
export function _conv2dBackpropInput(
  xShape: [number, number, number, number],
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  strides: number | [number, number],
  pad: _Pad,
  dilations?: number | [number, number],
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
  dataFormat?: string,
): tf.Tensor4D {
  const g = _convGeometry('Conv2DBackpropInput', xShape, filter.shape, strides, pad, dilations, dimRoundingMode, false, dataFormat);
  const [kh, kw, ci, co] = filter.shape;
  return tf.tidy(() => {
    if (g.sy === 1 && g.sx === 1) {
      const before = [(kh - 1) * g.dy - g.top, (kw - 1) * g.dx - g.left];
      const win = _window(dy, 1, -before[0], g.h + (kh - 1) * g.dy, 2, -before[1], g.w + (kw - 1) * g.dx);
      const fT = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
      return tf.conv2d(win as tf.Tensor4D, fT, 1, 'valid', 'NHWC', [g.dy, g.dx]);
    }
    const ty = Math.ceil(kh / g.sy);
    const tx = Math.ceil(kw / g.sx);
    // G[uy, ux, co, (ry, rx, ci)] = f[ry + (ty-1-uy)*sy, rx + (tx-1-ux)*sx, ci, co], zero outside.
    const fPad = tf.pad(filter, [[0, ty * g.sy - kh], [0, tx * g.sx - kw], [0, 0], [0, 0]]);
    const gFilter = tf.reshape(
      tf.transpose(tf.reverse(tf.reshape(fPad, [ty, g.sy, tx, g.sx, ci, co]), [0, 2]), [0, 2, 5, 1, 3, 4]),
      [ty, tx, co, g.sy * g.sx * ci],
    ) as tf.Tensor4D;
    const qy = Math.ceil((g.top + g.h) / g.sy);
    const qx = Math.ceil((g.left + g.w) / g.sx);
    const win = _window(dy, 1, -(ty - 1), qy + ty - 1, 2, -(tx - 1), qx + tx - 1) as tf.Tensor4D;
    const phases = tf.conv2d(win, gFilter, 1, 'valid');
    const full = tf.reshape(tf.transpose(tf.reshape(phases, [g.n, qy, qx, g.sy, g.sx, ci]), [0, 1, 3, 2, 4, 5]), [g.n, qy * g.sy, qx * g.sx, ci]);
    return tf.slice(full, [0, g.top, g.left, 0], [g.n, g.h, g.w, ci]) as tf.Tensor4D;
  });
}
