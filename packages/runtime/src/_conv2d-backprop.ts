import * as tf from '@tensorflow/tfjs-core';
import { _convGeometry, _flatTaps, _flippedWindow, _subPixel, _sumOverRowChunks, _window, type _ConvAttrs, type _ConvGeometry } from './_conv-geometry.js';

/**
 * Gradient of an NHWC conv2d with respect to its filter, from wasm-fast ops only: for each tap,
 * the samples that tap saw `[Ci, L]` times `dy` as `[L, Co]` (one XNNPACK matMul, no transposed
 * operand, `dy` packed once; the samples are one slice, see `_flatTaps`), in row chunks that bound
 * memory. Any stride, dilation and padding tfjs accepts
 * (strides or dilations equal to 1).
 */
export function _conv2dBackpropFilter(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: [number, number, number, number], a: _ConvAttrs, chunkBudget?: number): tf.Tensor4D {
  const g = _convGeometry('Conv2DBackpropFilter', x.shape, filterShape, a.strides, a.pad, a.dilations, a.dimRoundingMode, false, a.dataFormat, dy.shape);
  const co = filterShape[3];
  if (g.sy === 1 && g.sx === 1 && co < g.c) return _backpropFilterShiftDy(x, dy, g, filterShape, chunkBudget);
  return tf.tidy(() => {
    const acc = _sumOverRowChunks(g, dy, chunkBudget, (r0, r1, dyc) => {
      const taps = _flatTaps(x, g, r0, r1);
      const dyf = taps.dyFlat(dyc); // [L, Co], packed once by wasm's matMul for all taps
      const per: tf.Tensor[] = [];
      for (let ky = 0; ky < g.kh; ky++) for (let kx = 0; kx < g.kw; kx++) per.push(tf.tidy(() => tf.matMul(taps.tapT(ky, kx), dyf)));
      return tf.stack(per); // [KK, Ci, Co]
    });
    return tf.reshape(acc, filterShape);
  });
}

/**
 * The stride-1 filter gradient when the filter narrows (Co < Ci): the taps shift `dy` (Co
 * channels) instead of `x` (Ci channels). With the padded input window flattened row-major to
 * `X [P, Ci]` and `dy` laid on the same grid (zeros where no output is) as `D [P, Co]`,
 * `dW[tap] = sum_p D[p - s(tap)] (x) X[p]`, `s(tap) = ky * dilation * rowLength + kx * dilation`.
 * So one transpose of `D` (front-padded by the largest shift) to `[Co, S + P]`, then a tap is
 * one slice of Co runs and one matMul `[Co, P] @ [P, Ci]` whose right operand, `X`, is the same
 * for every tap: fewer bytes copied than shifting `x` (Ci runs a tap), and no transpose of `x`.
 */
function _backpropFilterShiftDy(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  g: _ConvGeometry,
  filterShape: [number, number, number, number],
  chunkBudget?: number,
): tf.Tensor4D {
  const [kh, kw, ci, co] = filterShape;
  const pw = g.ow + (kw - 1) * g.dx;
  const maxShift = (kh - 1) * g.dy * pw + (kw - 1) * g.dx;
  return tf.tidy(() => {
    const acc = _sumOverRowChunks(g, dy, chunkBudget, (r0, r1, dyc) => {
      const rows = r1 - r0;
      const ph = rows + (kh - 1) * g.dy;
      const win = _window(x, 1, r0 - g.top, ph, 2, -g.left, pw); // [N, ph, pw, Ci]
      const grid = g.n * ph * pw;
      const X = tf.reshape(win, [grid, ci]) as tf.Tensor2D;
      // D on the window's grid, transposed, with maxShift zero columns in front
      const d = tf.pad(dyc, [[0, 0], [0, ph - rows], [0, pw - g.ow], [0, 0]]);
      const dT = tf.pad(tf.transpose(tf.reshape(d, [grid, co])), [[0, 0], [maxShift, 0]]) as tf.Tensor2D; // [Co, S + P]
      const per: tf.Tensor[] = [];
      for (let ky = 0; ky < kh; ky++) {
        for (let kx = 0; kx < kw; kx++) {
          const shift = ky * g.dy * pw + kx * g.dx;
          per.push(tf.tidy(() => tf.matMul(tf.slice(dT, [0, maxShift - shift], [co, grid]) as tf.Tensor2D, X))); // [Co, Ci]
        }
      }
      return tf.stack(per); // [KK, Co, Ci]
    });
    return tf.reshape(tf.transpose(acc, [0, 2, 1]), filterShape);
  });
}

/**
 * Gradient of an NHWC conv2d with respect to its input (also the forward pass of
 * conv2dTranspose), from wasm-fast ops only. Stride 1 (any dilation): one conv2d of `dy` with the
 * flipped, transposed filter. Stride s > 1: the sub-pixel decomposition, one stride-1 conv2d whose
 * `s*s` output channel groups are the output phases (no zero-stuffing of `dy`), then a
 * depth-to-space reshuffle (one rank-4 transpose) and a crop.
 */
export function _conv2dBackpropInput(xShape: [number, number, number, number], dy: tf.Tensor4D, filter: tf.Tensor4D, a: _ConvAttrs): tf.Tensor4D {
  const g = _convGeometry('Conv2DBackpropInput', xShape, filter.shape, a.strides, a.pad, a.dilations, a.dimRoundingMode, false, a.dataFormat, dy.shape);
  const [kh, kw, ci, co] = filter.shape;
  return tf.tidy(() => {
    if (g.sy === 1 && g.sx === 1) {
      const { win, flipped } = _flippedWindow(g, dy, filter);
      // fT[ky, kx, co, ci] = f[kh-1-ky, kw-1-kx, ci, co]: a tap flip, then a rank-4 transpose.
      const fT = tf.transpose(tf.reshape(flipped, [kh, kw, ci, co]), [0, 1, 3, 2]) as tf.Tensor4D;
      return tf.conv2d(win, fT, 1, 'valid', 'NHWC', [g.dy, g.dx]);
    }
    const { sy, sx } = g;
    // Only phases ry < ay, rx < ax receive taps (all of them unless the filter is smaller than the
    // stride, e.g. a 1x1 stride-2 downsample, whose other phases are zeros and are not computed).
    const ay = Math.min(kh, sy);
    const ax = Math.min(kw, sx);
    // G[uy, ux, co, (ry, rx, ci)]: taps selected as [(uy, ux, ry, rx), ci*co], then one rank-3 transpose.
    const { ty, tx, qy, qx, sel, win } = _subPixel(g, dy, filter, ay, ax);
    const gFilter = tf.reshape(tf.transpose(tf.reshape(sel, [ty * tx, ay * ax * ci, co]), [0, 2, 1]), [ty, tx, co, ay * ax * ci]) as tf.Tensor4D;
    const phases = tf.conv2d(win, gFilter, 1, 'valid'); // [N, qy, qx, (ry, rx, ci)]
    let blocks = tf.reshape(phases, [g.n * qy, qx, ay, ax * ci]);
    if (ay < sy || ax < sx) blocks = tf.pad(blocks, [[0, 0], [0, 0], [0, sy - ay], [0, (sx - ax) * ci]]); // zero phases
    const full = tf.reshape(tf.transpose(blocks, [0, 2, 1, 3]), [g.n, qy * sy, qx * sx, ci]);
    return tf.slice(full, [0, g.top, g.left, 0], [g.n, g.h, g.w, ci]) as tf.Tensor4D;
  });
}
