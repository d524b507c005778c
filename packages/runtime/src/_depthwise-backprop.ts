import * as tf from '@tensorflow/tfjs-core';
import { _convGeometry, _im2colT, _rowsPerChunk, _window, type _Pad } from './_conv-geometry.js';

/**
 * Gradient of an NHWC depthwise conv2d (filter `[KH, KW, C, mult]`) with respect to its filter:
 * a per-channel transposed im2col `[C, KH*KW, M]` times `dy` as `[C, M, mult]` (one batched
 * matMul), in row chunks. Any stride, dilation and padding tfjs accepts.
 */
export function _depthwiseBackpropFilter(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: _Pad,
  dilations?: number | [number, number],
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): tf.Tensor4D {
  const g = _convGeometry('DepthwiseConv2dNativeBackpropFilter', x.shape, filterShape, strides, pad, dilations, dimRoundingMode, true);
  const mult = filterShape[3];
  return tf.tidy(() => {
    const xT = tf.transpose(x, [3, 0, 1, 2]) as tf.Tensor4D;
    const step = _rowsPerChunk(g);
    let acc: tf.Tensor | null = null;
    for (let r0 = 0; r0 < g.oh; r0 += step) {
      const r1 = Math.min(g.oh, r0 + step);
      const part = tf.tidy(() => {
        const m = g.n * (r1 - r0) * g.ow;
        const cols = _im2colT(xT, g, r0, r1, 'channels') as tf.Tensor3D;
        const dyc = r0 === 0 && r1 === g.oh ? dy : tf.slice(dy, [0, r0, 0, 0], [g.n, r1 - r0, g.ow, g.c * mult]);
        if (mult === 1) {
          // [C, KK, M] x [C, M, 1] as a broadcast multiply and a sum: cheaper than C tiny matMuls.
          const dyT = tf.reshape(tf.transpose(tf.reshape(dyc, [m, g.c]), [1, 0]), [g.c, 1, m]);
          return tf.sum(tf.mul(cols, dyT), 2); // [C, KK]
        }
        const dyT = tf.transpose(tf.reshape(dyc, [m, g.c, mult]), [1, 0, 2]) as tf.Tensor3D;
        return tf.matMul(cols, dyT); // [C, KK, mult]
      });
      acc = acc == null ? part : tf.add(acc, part);
    }
    const perTap = tf.reshape(acc!, [g.c, g.kh * g.kw, mult]);
    return tf.reshape(tf.transpose(perTap, [1, 0, 2]), filterShape);
  });
}

/**
 * Gradient of an NHWC depthwise conv2d with respect to its input. Stride 1 (any dilation): one
 * depthwise conv of `dy` with the flipped filter, summed over the channel multiplier. Stride
 * s > 1: the sub-pixel decomposition (a stride-1 depthwise conv with multiplier `s*s`, one output
 * phase per group), a depth-to-space reshuffle and a crop.
 */
export function _depthwiseBackpropInput(
  xShape: [number, number, number, number],
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  strides: number | [number, number],
  pad: _Pad,
  dilations?: number | [number, number],
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): tf.Tensor4D {
  const g = _convGeometry('DepthwiseConv2dNativeBackpropInput', xShape, filter.shape, strides, pad, dilations, dimRoundingMode, true);
  const [kh, kw, c, mult] = filter.shape;
  return tf.tidy(() => {
    if (g.sy === 1 && g.sx === 1) {
      const before = [(kh - 1) * g.dy - g.top, (kw - 1) * g.dx - g.left];
      const win = _window(dy, 1, -before[0], g.h + (kh - 1) * g.dy, 2, -before[1], g.w + (kw - 1) * g.dx) as tf.Tensor4D;
      const fT = tf.reshape(tf.reverse(filter, [0, 1]), [kh, kw, c * mult, 1]) as tf.Tensor4D;
      const out = tf.depthwiseConv2d(win, fT, 1, 'valid', 'NHWC', [g.dy, g.dx]);
      return mult === 1 ? out : (tf.sum(tf.reshape(out, [g.n, g.h, g.w, c, mult]), 4) as tf.Tensor4D);
    }
    const ty = Math.ceil(kh / g.sy);
    const tx = Math.ceil(kw / g.sx);
    // G[uy, ux, (c, m), (ry, rx)] = f[ry + (ty-1-uy)*sy, rx + (tx-1-ux)*sx, c, m], zero outside.
    const fPad = tf.pad(filter, [[0, ty * g.sy - kh], [0, tx * g.sx - kw], [0, 0], [0, 0]]);
    const gFilter = tf.reshape(
      tf.transpose(tf.reverse(tf.reshape(fPad, [ty, g.sy, tx, g.sx, c, mult]), [0, 2]), [0, 2, 4, 5, 1, 3]),
      [ty, tx, c * mult, g.sy * g.sx],
    ) as tf.Tensor4D;
    const qy = Math.ceil((g.top + g.h) / g.sy);
    const qx = Math.ceil((g.left + g.w) / g.sx);
    const win = _window(dy, 1, -(ty - 1), qy + ty - 1, 2, -(tx - 1), qx + tx - 1) as tf.Tensor4D;
    let phases = tf.depthwiseConv2d(win, gFilter, 1, 'valid') as tf.Tensor;
    phases = mult === 1 ? tf.reshape(phases, [g.n, qy, qx, c, g.sy, g.sx]) : tf.sum(tf.reshape(phases, [g.n, qy, qx, c, mult, g.sy, g.sx]), 4);
    const full = tf.reshape(tf.transpose(phases, [0, 1, 4, 2, 5, 3]), [g.n, qy * g.sy, qx * g.sx, c]);
    return tf.slice(full, [0, g.top, g.left, 0], [g.n, g.h, g.w, c]) as tf.Tensor4D;
  });
}
