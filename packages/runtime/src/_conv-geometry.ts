import * as tf from '@tensorflow/tfjs-core';
import { KernelAttributeError } from './kernel-attribute-error.js';

/** Padding as tfjs conv ops take it. */
export type _Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/** Everything the composed convolution gradients need to know about one convolution. */
export interface _ConvGeometry {
  n: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  sy: number;
  sx: number;
  dy: number;
  dx: number;
  top: number;
  left: number;
  oh: number;
  ow: number;
}

/** The geometry of an NHWC convolution, from tfjs's own shape rules (so padding matches exactly). */
export function _convGeometry(
  kernel: string,
  xShape: number[],
  filterShape: number[],
  strides: number | [number, number],
  pad: _Pad,
  dilations: number | [number, number] | undefined,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  depthwise: boolean,
  dataFormat?: string,
): _ConvGeometry {
  if (dataFormat != null && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new KernelAttributeError(kernel, 'dataFormat', '"NHWC"', JSON.stringify(dataFormat));
  }
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
    depthwise,
  );
  const g: _ConvGeometry = {
    n: info.batchSize,
    h: info.inHeight,
    w: info.inWidth,
    c: info.inChannels,
    kh: info.filterHeight,
    kw: info.filterWidth,
    sy: info.strideHeight,
    sx: info.strideWidth,
    dy: info.dilationHeight,
    dx: info.dilationWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
    oh: info.outHeight,
    ow: info.outWidth,
  };
  if ((g.sy > 1 || g.sx > 1) && (g.dy > 1 || g.dx > 1)) {
    throw new KernelAttributeError(kernel, 'strides/dilations', 'strides or dilations equal to 1', `strides [${g.sy},${g.sx}] and dilations [${g.dy},${g.dx}]`);
  }
  return g;
}

/**
 * The window `[start, start + length)` of `t` along two axes, `fill` (default 0) outside the
 * tensor: a slice of what exists, padded for what lies outside.
 */
export function _window(
  t: tf.Tensor,
  axisA: number,
  startA: number,
  lenA: number,
  axisB: number,
  startB: number,
  lenB: number,
  fill = 0,
): tf.Tensor {
  const begin = new Array<number>(t.rank).fill(0);
  const size = t.shape.slice();
  const pads: Array<[number, number]> = t.shape.map(() => [0, 0]);
  let empty = false;
  for (const [axis, start, len] of [
    [axisA, startA, lenA],
    [axisB, startB, lenB],
  ] as const) {
    const n = t.shape[axis];
    const lo = Math.max(0, start);
    const hi = Math.min(n, start + len);
    if (hi <= lo) empty = true;
    begin[axis] = lo;
    size[axis] = Math.max(0, hi - lo);
    pads[axis] = [lo - start, start + len - Math.max(hi, lo)];
  }
  if (empty) {
    const shape = t.shape.slice();
    shape[axisA] = lenA;
    shape[axisB] = lenB;
    return tf.fill(shape, fill, t.dtype);
  }
  const noSlice = size.every((s, i) => s === t.shape[i]);
  const sliced = noSlice ? t : tf.slice(t, begin, size);
  const noPad = pads.every(([a, b]) => a === 0 && b === 0);
  return noPad ? sliced : tf.pad(sliced, pads, fill);
}

/**
 * Transposed im2col of a `[C, N, H, W]` input over output rows `[r0, r1)`: for each filter tap
 * `(ky, kx)` the input samples that tap sees, as `[C, N * rows * OW]`. `layout` `taps` stacks the
 * taps along the first axis (`[KH * KW * C, M]`, for a plain convolution's filter gradient);
 * `channels` gives `[C, KH * KW, M]` (for the depthwise one). Strided taps are read through one
 * phase-major transpose, so only plain slices are needed.
 */
export function _im2colT(xT: tf.Tensor4D, g: _ConvGeometry, r0: number, r1: number, layout: 'taps' | 'channels'): tf.Tensor {
  return tf.tidy(() => {
    const rows = r1 - r0;
    const m = g.n * rows * g.ow;
    const needH = (rows - 1) * g.sy + (g.kh - 1) * g.dy + 1;
    const needW = (g.ow - 1) * g.sx + (g.kw - 1) * g.dx + 1;
    const lenH = Math.ceil(needH / g.sy) * g.sy;
    const lenW = Math.ceil(needW / g.sx) * g.sx;
    const win = _window(xT, 2, r0 * g.sy - g.top, lenH, 3, -g.left, lenW);
    const strided = g.sy > 1 || g.sx > 1;
    const phases = strided
      ? tf.transpose(tf.reshape(win, [g.c, g.n, lenH / g.sy, g.sy, lenW / g.sx, g.sx]), [3, 5, 0, 1, 2, 4])
      : win;
    const pieces: tf.Tensor[] = [];
    for (let ky = 0; ky < g.kh; ky++) {
      for (let kx = 0; kx < g.kw; kx++) {
        const oy = ky * g.dy;
        const ox = kx * g.dx;
        const piece = strided
          ? tf.slice(phases, [oy % g.sy, ox % g.sx, 0, 0, Math.floor(oy / g.sy), Math.floor(ox / g.sx)], [1, 1, g.c, g.n, rows, g.ow])
          : tf.slice(phases, [0, 0, oy, ox], [g.c, g.n, rows, g.ow]);
        pieces.push(layout === 'taps' ? tf.reshape(piece, [g.c, m]) : tf.reshape(piece, [g.c, 1, m]));
      }
    }
    return pieces.length === 1 ? pieces[0] : tf.concat(pieces, layout === 'taps' ? 0 : 1);
  });
}

/** Output rows per chunk so that one im2col block stays under `budget` floats. */
export function _rowsPerChunk(g: _ConvGeometry, budget = 1 << 24): number {
  return Math.max(1, Math.min(g.oh, Math.floor(budget / Math.max(1, g.kh * g.kw * g.c * g.n * g.ow))));
}
