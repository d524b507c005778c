import * as tf from '@tensorflow/tfjs-core';
import { _convGeometry, _flatTaps, _gatherFilter, _rowsPerChunk, _window, type _Pad } from './_conv-geometry.js';

/**
 * Gradient of an NHWC conv2d with respect to its filter, from wasm-fast ops only: for each tap,
 * `dyT [Co, L]` times the samples that tap saw `[L, Ci]` (one XNNPACK matMul, no transposed
 * operand; the samples are one contiguous slice, see `_flatTaps`), in row chunks that bound memory. Any stride, dilation and padding tfjs accepts
 * (strides or dilations equal to 1).
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
    const step = _rowsPerChunk(g);
    let acc: tf.Tensor | null = null;
    for (let r0 = 0; r0 < g.oh; r0 += step) {
      const r1 = Math.min(g.oh, r0 + step);
      const part = tf.tidy(() => {
        const taps = _flatTaps(x, g, r0, r1);
        const dyc = r0 === 0 && r1 === g.oh ? dy : (tf.slice(dy, [0, r0, 0, 0], [g.n, r1 - r0, g.ow, co]) as tf.Tensor4D);
        const dyT = tf.transpose(taps.dyFlat(dyc)); // [Co, L]
        const per: tf.Tensor[] = [];
        for (let ky = 0; ky < g.kh; ky++) for (let kx = 0; kx < g.kw; kx++) per.push(tf.tidy(() => tf.matMul(dyT, taps.tap(ky, kx))));
        return tf.stack(per); // [KK, Co, Ci]
      });
      acc = acc == null ? part : tf.add(acc, part);
    }
    return tf.reshape(tf.transpose(acc!, [0, 2, 1]), filterShape);
  });
}

/**
 * Gradient of an NHWC conv2d with respect to its input (also the forward pass of
 * conv2dTranspose), from wasm-fast ops only. Stride 1 (any dilation): one conv2d of `dy` with the
 * flipped, transposed filter. Stride s > 1: the sub-pixel decomposition, one stride-1 conv2d whose
 * `s*s` output channel groups are the output phases (no zero-stuffing of `dy`), then a
 * depth-to-space reshuffle (one rank-4 transpose) and a crop.
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
      // fT[ky, kx, co, ci] = f[kh-1-ky, kw-1-kx, ci, co]
      const fT = _gatherFilter(filter, [kh, kw, co, ci], `c1:${filter.shape}`, ([a, b, o, i]) => (((kh - 1 - a) * kw + (kw - 1 - b)) * ci + i) * co + o) as tf.Tensor4D;
      return tf.conv2d(win as tf.Tensor4D, fT, 1, 'valid', 'NHWC', [g.dy, g.dx]);
    }
    const { sy, sx } = g;
    const ty = Math.ceil(kh / sy);
    const tx = Math.ceil(kw / sx);
    // G[uy, ux, co, (ry, rx, ci)] = f[ry + (ty-1-uy)*sy, rx + (tx-1-ux)*sx, ci, co], zero outside.
    const gFilter = _gatherFilter(filter, [ty, tx, co, sy * sx * ci], `cs:${filter.shape}:${sy},${sx}`, ([uy, ux, o, q]) => {
      const ry = Math.floor(q / (sx * ci));
      const rx = Math.floor(q / ci) % sx;
      const i = q % ci;
      const ky = ry + (ty - 1 - uy) * sy;
      const kx = rx + (tx - 1 - ux) * sx;
      return ky < kh && kx < kw ? ((ky * kw + kx) * ci + i) * co + o : -1;
    }) as tf.Tensor4D;
    const qy = Math.ceil((g.top + g.h) / sy);
    const qx = Math.ceil((g.left + g.w) / sx);
    const win = _window(dy, 1, -(ty - 1), qy + ty - 1, 2, -(tx - 1), qx + tx - 1) as tf.Tensor4D;
    const phases = tf.conv2d(win, gFilter, 1, 'valid'); // [N, qy, qx, (ry, rx, ci)]
    const full = tf.reshape(tf.transpose(tf.reshape(phases, [g.n * qy, qx, sy, sx * ci]), [0, 2, 1, 3]), [g.n, qy * sy, qx * sx, ci]);
    return tf.slice(full, [0, g.top, g.left, 0], [g.n, g.h, g.w, ci]) as tf.Tensor4D;
  });
}
