import * as tf from '@tensorflow/tfjs-core';
import { KernelAttributeError } from './kernel-attribute-error.js';

/** Padding as tfjs conv ops take it. */
export type _Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/** A convolution's attributes as tfjs's conv kernels take them. */
export interface _ConvAttrs {
  strides: number | [number, number];
  pad: _Pad;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  /** 'NHWC' (or 'channelsLast') only */
  dataFormat?: string;
}

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
  dyShape?: number[],
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
  // dy's own shape wins: tfjs's stock Conv2D gradient drops dimRoundingMode, which makes the
  // computed output size fractional for a numeric pad with 'round' or 'ceil'.
  if (dyShape) {
    g.oh = dyShape[1];
    g.ow = dyShape[2];
  }
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
 * The input samples of every filter tap for output rows `[r0, r1)`, channels-first:
 * `tapT(ky, kx)` is `[C, L]` and `dyFlat(dy)` the matching `[L, Co]` rows of `dy` (zero where a
 * row is padding), so `tapT @ dyFlat` is that tap's `[C, Co]` filter gradient. The trick: with the
 * padded window flattened row-major (`[P, C]`, transposed once to `[C, P]`), a tap is a shift by
 * `ky * dy * rowLength + kx * dx`, i.e. one slice of C long runs (wasm slices are JS loops over
 * runs). A stride s > 1 first splits the window into its `s*s` phases (two rank-3 transposes),
 * inside which every tap is again a shift. The padding rows cost a few % of extra work. `dyFlat`
 * is reused by every tap, so wasm's matMul packs it once.
 */
export interface _FlatTaps {
  l: number;
  tapT(ky: number, kx: number): tf.Tensor2D;
  dyFlat(dy: tf.Tensor4D): tf.Tensor2D;
}

export function _flatTaps(x: tf.Tensor4D, g: _ConvGeometry, r0: number, r1: number): _FlatTaps {
  const { n, c, sy, sx } = g;
  const rows = r1 - r0;
  const needH = (rows - 1) * sy + (g.kh - 1) * g.dy + 1;
  const needW = (g.ow - 1) * sx + (g.kw - 1) * g.dx + 1;
  const ph = Math.ceil(needH / sy);
  const pw = Math.ceil(needW / sx);
  const win = _window(x, 1, r0 * sy - g.top, ph * sy, 2, -g.left, pw * sx) as tf.Tensor4D;
  const grid = n * ph * pw; // rows of one phase
  let src: tf.Tensor;
  if (sy === 1 && sx === 1) {
    src = win;
  } else {
    // [N, ph, sy, pw, sx, C] -> [sy, N*ph, pw*sx*C] -> [sx, sy*N*ph*pw, C]: phase (py, px) is block px*sy + py.
    const a = sy === 1 ? win : tf.transpose(tf.reshape(win, [n * ph, sy, pw * sx * c]), [1, 0, 2]);
    src = sx === 1 ? a : tf.transpose(tf.reshape(a, [sy * n * ph * pw, sx, c]), [1, 0, 2]);
  }
  const srcT = tf.transpose(tf.reshape(src, [sx * sy * grid, c])); // [C, P]
  const maxA = Math.floor(((g.kh - 1) * g.dy) / sy);
  const maxB = Math.floor(((g.kw - 1) * g.dx) / sx);
  const l = grid - (maxA * pw + maxB);
  return {
    l,
    tapT: (ky, kx) => {
      const oy = ky * g.dy;
      const ox = kx * g.dx;
      const base = ((ox % sx) * sy + (oy % sy)) * grid;
      return tf.slice(srcT, [0, base + Math.floor(oy / sy) * pw + Math.floor(ox / sx)], [c, l]) as tf.Tensor2D;
    },
    dyFlat: (dy) => {
      const padded = tf.pad(dy, [[0, 0], [0, ph - rows], [0, pw - g.ow], [0, 0]]);
      return tf.slice(tf.reshape(padded, [grid, dy.shape[3]]), [0, 0], [l, dy.shape[3]]) as tf.Tensor2D;
    },
  };
}

/** Output rows per chunk so that the input window of one chunk stays under `budget` floats. */
export function _rowsPerChunk(g: _ConvGeometry, budget = 1 << 24): number {
  budget = budget || 1 << 24;
  return Math.max(1, Math.min(g.oh, Math.floor(budget / Math.max(1, g.sy * g.c * g.n * (g.ow * g.sx + (g.kw - 1) * g.dx)))));
}

const _selectCache = new Map<string, Float32Array>();

/**
 * Rearranges the taps of a (small) filter by one matMul with a 0/1 selection matrix:
 * `out[o, :] = f[src(o), :]` (or 0 where `src` gives -1) for `f` viewed as `[KH*KW, rest]`. Flips
 * and sub-pixel splits of filters need this; wasm's Gather and Reverse run in slow generic code,
 * its matMul in XNNPACK. Selection matrices are cached by `key`.
 *
 * @returns `[outTaps, rest]`.
 */
export function _selectTaps(f: tf.Tensor4D, outTaps: number, key: string, src: (o: number) => number): tf.Tensor2D {
  const kk = f.shape[0] * f.shape[1];
  let sel = _selectCache.get(key);
  if (!sel) {
    sel = new Float32Array(outTaps * kk);
    for (let o = 0; o < outTaps; o++) {
      const j = src(o);
      if (j >= 0) sel[o * kk + j] = 1;
    }
    if (_selectCache.size > 256) _selectCache.clear();
    _selectCache.set(key, sel);
  }
  const m = sel;
  return tf.tidy(() => tf.matMul(tf.tensor2d(m, [outTaps, kk]), tf.reshape(f, [kk, f.size / kk]) as tf.Tensor2D));
}

/**
 * The sum over chunks of output rows (`_rowsPerChunk`, bounding memory) of `part(r0, r1, dy's
 * rows r0..r1)`, each part in a tidy of its own.
 */
export function _sumOverRowChunks(g: _ConvGeometry, dy: tf.Tensor4D, chunkBudget: number | undefined, part: (r0: number, r1: number, dyc: tf.Tensor4D) => tf.Tensor): tf.Tensor {
  const step = _rowsPerChunk(g, chunkBudget);
  let acc: tf.Tensor | null = null;
  for (let r0 = 0; r0 < g.oh; r0 += step) {
    const r1 = Math.min(g.oh, r0 + step);
    const p = tf.tidy(() => part(r0, r1, r0 === 0 && r1 === g.oh ? dy : (tf.slice(dy, [0, r0, 0, 0], [g.n, r1 - r0, g.ow, dy.shape[3]]) as tf.Tensor4D)));
    acc = acc == null ? p : tf.add(acc, p);
  }
  return acc!;
}

/**
 * The stride-1 input gradient's operands: `dy` padded to the window a 'valid' correlation with the
 * flipped filter reads, and the filter's taps flipped (`[KH*KW, rest]`, see `_selectTaps`).
 */
export function _flippedWindow(g: _ConvGeometry, dy: tf.Tensor4D, filter: tf.Tensor4D): { win: tf.Tensor4D; flipped: tf.Tensor2D } {
  const { kh, kw } = g;
  const before = [(kh - 1) * g.dy - g.top, (kw - 1) * g.dx - g.left];
  const win = _window(dy, 1, -before[0], g.h + (kh - 1) * g.dy, 2, -before[1], g.w + (kw - 1) * g.dx) as tf.Tensor4D;
  const flipped = _selectTaps(filter, kh * kw, `flip:${kh},${kw}`, (o) => kh * kw - 1 - o);
  return { win, flipped };
}

/** The sub-pixel decomposition of a strided input gradient, see `_subPixel`. */
export interface _SubPixel {
  /** taps a phase reads along y and x */
  ty: number;
  tx: number;
  /** output blocks along y and x (each `sy x sx` pixels) */
  qy: number;
  qx: number;
  /** the filter's taps as `[(uy, ux, ry, rx), rest]`, zero where a phase has no tap */
  sel: tf.Tensor2D;
  /** `dy` padded for a stride-1 'valid' correlation with the `ty x tx` phase filter */
  win: tf.Tensor4D;
}

/**
 * The operands of the sub-pixel decomposition for phases `ry < ay`, `rx < ax`:
 * `G[uy, ux, ry, rx] = f[ry + (ty-1-uy)*sy, rx + (tx-1-ux)*sx]`, zero outside the filter, and the
 * window of `dy` it is correlated with.
 */
export function _subPixel(g: _ConvGeometry, dy: tf.Tensor4D, filter: tf.Tensor4D, ay: number, ax: number): _SubPixel {
  const { kh, kw, sy, sx } = g;
  const ty = Math.ceil(kh / sy);
  const tx = Math.ceil(kw / sx);
  const sel = _selectTaps(filter, ty * tx * ay * ax, `sub:${kh},${kw}:${sy},${sx}:${ay},${ax}`, (o) => {
    const [uy, ux, ry, rx] = [Math.floor(o / (tx * ay * ax)), Math.floor(o / (ay * ax)) % tx, Math.floor(o / ax) % ay, o % ax];
    const ky = ry + (ty - 1 - uy) * sy;
    const kx = rx + (tx - 1 - ux) * sx;
    return ky < kh && kx < kw ? ky * kw + kx : -1;
  });
  const qy = Math.ceil((g.top + g.h) / sy);
  const qx = Math.ceil((g.left + g.w) / sx);
  const win = _window(dy, 1, -(ty - 1), qy + ty - 1, 2, -(tx - 1), qx + tx - 1) as tf.Tensor4D;
  return { ty, tx, qy, qx, sel, win };
}
