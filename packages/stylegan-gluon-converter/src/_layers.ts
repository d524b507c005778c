/**
 * One small pure function per layer kind, between MXNet Gluon layouts/scales and the canonical
 * official-TF ones. `ratio` is (gluon runtime coefficient) / (official runtime coefficient): the
 * raw official weight is `gluon * ratio` (1 for the paper's files, whose `std` equals the
 * official he-std).
 */
import { CheckpointError } from '@ganseg/checkpoint-readers';
import type { WeightArray } from './_types.js';

const f32 = (shape: number[], data: Float32Array): WeightArray => ({ shape, dtype: 'float32', data });

/** Gluon dense [out, in] -> official [in, out]. */
export function _denseFromGluon(w: WeightArray, ratio: number): WeightArray {
  const [o, i] = w.shape;
  const out = new Float32Array(o * i);
  for (let a = 0; a < o; a++) for (let b = 0; b < i; b++) out[b * o + a] = w.data[a * i + b] * ratio;
  return f32([i, o], out);
}

/** Official dense [in, out] -> Gluon [out, in]. */
export function _denseToGluon(w: WeightArray, ratio: number): WeightArray {
  const [i, o] = w.shape;
  const out = new Float32Array(o * i);
  for (let b = 0; b < i; b++) for (let a = 0; a < o; a++) out[a * i + b] = w.data[b * o + a] / ratio;
  return f32([o, i], out);
}

/** Gluon conv [out, in, kh, kw] -> official [kh, kw, in, out]. */
export function _convFromGluon(w: WeightArray, ratio: number): WeightArray {
  const [o, i, h, k] = w.shape;
  const out = new Float32Array(o * i * h * k);
  for (let a = 0; a < o; a++) for (let b = 0; b < i; b++) for (let y = 0; y < h; y++) for (let x = 0; x < k; x++) {
    out[((y * k + x) * i + b) * o + a] = w.data[((a * i + b) * h + y) * k + x] * ratio;
  }
  return f32([h, k, i, o], out);
}

/** Official conv [kh, kw, in, out] -> Gluon [out, in, kh, kw]. */
export function _convToGluon(w: WeightArray, ratio: number): WeightArray {
  const [h, k, i, o] = w.shape;
  const out = new Float32Array(o * i * h * k);
  for (let a = 0; a < o; a++) for (let b = 0; b < i; b++) for (let y = 0; y < h; y++) for (let x = 0; x < k; x++) {
    out[((a * i + b) * h + y) * k + x] = w.data[((y * k + x) * i + b) * o + a] / ratio;
  }
  return f32([o, i, h, k], out);
}

/**
 * Official fused upscale: 3x3 [3,3,in,out] -> the 4x4 transposed-conv kernel, Gluon
 * Deconvolution layout [in, out, 4, 4]: pad 1, then the sum of the four 4x4 corners (as
 * `upscale2d_conv2d`), divided by `ratio`.
 */
export function _fusedToGluon(w: WeightArray, ratio: number): WeightArray {
  const [, , i, o] = w.shape;
  const out = new Float32Array(i * o * 16);
  const P = (y: number, x: number, b: number, a: number): number =>
    y >= 1 && y <= 3 && x >= 1 && x <= 3 ? w.data[(((y - 1) * 3 + (x - 1)) * i + b) * o + a] : 0;
  for (let b = 0; b < i; b++) for (let a = 0; a < o; a++) for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) {
    const v = P(y, x, b, a) + P(y + 1, x, b, a) + P(y, x + 1, b, a) + P(y + 1, x + 1, b, a);
    out[((b * o + a) * 4 + y) * 4 + x] = v / ratio;
  }
  return f32([i, o, 4, 4], out);
}

/**
 * Gluon Deconvolution [in, out, 4, 4] -> official 3x3 [3,3,in,out] (inverse of
 * {@link _fusedToGluon}). A 4x4 kernel that is not the fused form of a 3x3 one cannot be expressed
 * in the official layout: `bad-value` error naming the key.
 */
export function _fusedFromGluon(w: WeightArray, ratio: number, file: string, key: string): WeightArray {
  const [i, o] = w.shape;
  const out = new Float32Array(9 * i * o);
  let worst = 0;
  let scale = 0;
  for (let b = 0; b < i; b++) for (let a = 0; a < o; a++) {
    const F = (y: number, x: number): number => w.data[((b * o + a) * 4 + y) * 4 + x] * ratio;
    const P = Array.from({ length: 5 }, () => new Float64Array(5));
    for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) {
      P[y + 1][x + 1] = F(y, x) - P[y][x] - P[y + 1][x] - P[y][x + 1];
      out[((y * 3 + x) * i + b) * o + a] = P[y + 1][x + 1];
    }
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) {
      const f = F(y, x);
      scale = Math.max(scale, Math.abs(f));
      worst = Math.max(worst, Math.abs(f - (P[y][x] + P[y + 1][x] + P[y][x + 1] + P[y + 1][x + 1])));
    }
  }
  if (!(worst <= 1e-4 * Math.max(scale, 1e-6))) {
    throw new CheckpointError('bad-value', file,
      `${key}: the 4x4 transposed-conv kernel is not the fused form of a 3x3 kernel (residual ${worst.toExponential(2)}), so it has no official StyleGAN equivalent`,
      { key, expected: 'fused 3x3 kernel', found: `residual ${worst.toExponential(2)}` });
  }
  return f32([3, 3, i, o], out);
}

/** Gluon per-channel [1, C, 1, 1] (bias, noise scale) -> official [C]. */
export function _channelFromGluon(w: WeightArray): WeightArray {
  return f32([w.data.length], Float32Array.from(w.data));
}

/** Official [C] -> Gluon [1, C, 1, 1]. */
export function _channelToGluon(w: WeightArray): WeightArray {
  return f32([1, w.data.length, 1, 1], Float32Array.from(w.data));
}

/** A vector (bias, dlatent_avg) multiplied by `ratio`, shape kept. */
export function _vector(w: WeightArray, ratio: number): WeightArray {
  return f32(w.shape.slice(), w.data.map((v) => v * ratio));
}
