import * as tf from '@tensorflow/tfjs-core';
import { _window } from './_conv-geometry.js';
import { KernelAttributeError } from './kernel-attribute-error.js';

/**
 * Gradient of an NHWC maxPool from wasm ops (tfjs-backend-wasm 4.22's MaxPoolGrad and
 * MaxPoolWithArgmax give wrong answers on non-square inputs). For each window tap, in the order
 * tfjs scans a window (row-major), the positions that hold the window's maximum and were not
 * claimed by an earlier tap receive `dy`; so ties go to the first maximum, as on cpu. Taps land in
 * their stride phase, and one depth-to-space reshuffle and a crop give `dx`.
 */
export function _maxPoolGrad(
  dy: tf.Tensor4D,
  x: tf.Tensor4D,
  y: tf.Tensor4D,
  filterSize: number | [number, number],
  strides: number | [number, number],
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): tf.Tensor4D {
  const info = tf.backend_util.computePool2DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) {
    throw new KernelAttributeError('MaxPoolGrad', 'dilations', '1', `[${info.dilationHeight},${info.dilationWidth}]`);
  }
  const [n, h, w, c] = x.shape;
  const { strideHeight: sy, strideWidth: sx, filterHeight: kh, filterWidth: kw } = info;
  // dy's own shape wins: tfjs's MaxPool gradient drops dimRoundingMode (fractional sizes otherwise).
  const [, oh, ow] = dy.shape;
  const { top, left } = info.padInfo;
  return tf.tidy(() => {
    const lenH = Math.ceil(Math.max((oh - 1) * sy + kh, top + h) / sy) * sy;
    const lenW = Math.ceil(Math.max((ow - 1) * sx + kw, left + w) / sx) * sx;
    const ph = lenH / sy;
    const pw = lenW / sx;
    const xp = _window(x, 1, -top, lenH, 2, -left, lenW, -Infinity) as tf.Tensor4D;
    const strided = sy > 1 || sx > 1;
    // Stride phases with rank-4 ops only: [sy * N, ph, pw, sx * C].
    const src = strided ? tf.reshape(tf.transpose(tf.reshape(xp, [n * ph, sy, pw, sx * c]), [1, 0, 2, 3]), [sy * n, ph, pw, sx * c]) : xp;
    const acc: Array<tf.Tensor | null> = new Array(sy * sx).fill(null);
    let taken: tf.Tensor | null = null;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const [py, px, a, b] = [ky % sy, kx % sx, Math.floor(ky / sy), Math.floor(kx / sx)];
        const piece = tf.slice(src, [py * n, a, b, px * c], [n, oh, ow, c]);
        const isMax = tf.equal(piece, y);
        const mine: tf.Tensor = taken == null ? isMax : tf.logicalAnd(isMax, tf.logicalNot(taken));
        taken = taken == null ? isMax : tf.logicalOr(taken, isMax);
        const contrib = tf.mul(dy, tf.cast(mine, 'float32'));
        const k = py * sx + px;
        const placed = _window(contrib, 1, -a, ph, 2, -b, pw);
        acc[k] = acc[k] == null ? placed : tf.add(acc[k]!, placed);
      }
    }
    const zeros = tf.zeros([n, ph, pw, c]);
    const grids = acc.map((g) => g ?? zeros);
    let full: tf.Tensor = grids[0];
    if (strided) {
      const rowsOfPhases: tf.Tensor[] = [];
      for (let py = 0; py < sy; py++) rowsOfPhases.push(sx === 1 ? grids[py] : tf.concat(grids.slice(py * sx, py * sx + sx), 3)); // [N, ph, pw, sx*C]
      const stacked = tf.reshape(tf.concat(rowsOfPhases, 0), [sy, n * ph, pw, sx * c]);
      full = tf.reshape(tf.transpose(stacked, [1, 0, 2, 3]), [n, lenH, lenW, c]);
    }
    return tf.slice(full, [0, top, left, 0], [n, h, w, c]) as tf.Tensor4D;
  });
}
