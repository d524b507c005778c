import * as tf from '@tensorflow/tfjs-core';
import type { StyleGANConfig } from './create-config.js';
import { _layers, _log2res, type _PreparedConv } from './_arch.js';
import { _interleave, _upfirDepthwise, _upfirKernels } from './_ops.js';

/** A v2 conv layer: kernel (3x3) or phases (the four 3x3 phase kernels of up), styleB = mod_bias + 1. */
interface _Conv2 extends _PreparedConv {
  /** sum over the taps of the squared scaled kernel [I, O]: demodulation is rsqrt(s^2 @ wsq + 1e-8). */
  wsq: tf.Tensor2D;
  strength: tf.Scalar;
  bias: tf.Tensor1D;
}

interface _Rgb2 {
  res: number;
  styleIndex: number;
  weight: tf.Tensor4D;
  styleW: tf.Tensor2D;
  styleB: tf.Tensor1D;
  bias: tf.Tensor1D;
}

/** The prepared StyleGAN2 synthesis tensors (runtime scales applied). */
export interface _Prepared2 {
  constant: tf.Tensor4D;
  convs: _Conv2[];
  rgbs: _Rgb2[];
  upImage: tf.Tensor4D[];
  clamp: number;
}

const _SQRT2 = Math.SQRT2;

/** Scale by 1 / sqrt(fan_in) (fan_in = product of all dims but the last). */
function _he(t: tf.Tensor): tf.Tensor {
  return tf.mul(t, 1 / Math.sqrt(t.shape.slice(0, -1).reduce((a, b) => a * b, 1)));
}

function _style(W: Record<string, tf.Tensor>, p: string): { styleW: tf.Tensor2D; styleB: tf.Tensor1D } {
  return { styleW: _he(W[`${p}/mod_weight`]) as tf.Tensor2D, styleB: tf.add(W[`${p}/mod_bias`], 1) as tf.Tensor1D };
}

/** Prepares the StyleGAN2 synthesis weights; call inside tf.tidy and keep the result. */
export function _prepare2(cfg: StyleGANConfig, W: Record<string, tf.Tensor>): _Prepared2 {
  const convs = _layers(cfg).map((l): _Conv2 => {
    const p = `G_synthesis/${l.scope}`;
    const k = _he(W[`${p}/weight`]) as tf.Tensor4D;
    return {
      layer: l,
      kernel: l.kind === 'up' ? null : k,
      phases: l.kind === 'up' ? _upfirKernels(k) : [],
      wsq: tf.sum(tf.square(k), [0, 1]) as tf.Tensor2D,
      ..._style(W, p),
      strength: tf.reshape(W[`${p}/noise_strength`], []) as tf.Scalar,
      bias: tf.clone(W[`${p}/bias`]) as tf.Tensor1D,
      storedNoise: tf.transpose(W[`G_synthesis/noise${l.index}`], [0, 2, 3, 1]) as tf.Tensor4D,
    };
  });
  const rgbs: _Rgb2[] = [];
  for (let r = 2; r <= _log2res(cfg); r++) {
    const s = 2 ** r;
    const p = `G_synthesis/${s}x${s}/ToRGB`;
    rgbs.push({ res: s, styleIndex: 2 * r - 3, weight: _he(W[`${p}/weight`]) as tf.Tensor4D, ..._style(W, p), bias: tf.clone(W[`${p}/bias`]) as tf.Tensor1D });
  }
  return {
    constant: tf.transpose(W['G_synthesis/4x4/Const/const'], [0, 2, 3, 1]) as tf.Tensor4D,
    convs,
    rgbs,
    upImage: _upfirDepthwise(cfg.numChannels),
    clamp: cfg.convClamp ?? 0,
  };
}

/**
 * The StyleGAN2 skip synthesis, run inside the caller's tf.tidy. Modulation scales the input
 * activations and demodulation the output (the official non-fused form, equal to per-sample
 * kernels). `keep(name, t)` receives every layer output; a layer output not kept by it (not in
 * `captured`) is disposed once the next layer has run.
 */
export function _synthesis2(
  p: _Prepared2,
  styles: tf.Tensor2D[],
  noise: tf.Tensor4D[] | undefined,
  captured: Set<tf.Tensor>,
  keep: (name: string, t: tf.Tensor4D) => void,
  capture: Set<string>,
): tf.Tensor4D {
  const N = styles[0].shape[0];
  const clampOf = (t: tf.Tensor4D): tf.Tensor4D => (p.clamp > 0 ? tf.clipByValue(t, -p.clamp, p.clamp) : t);
  const modulate = (x: tf.Tensor4D, idx: number, styleW: tf.Tensor2D, styleB: tf.Tensor1D): { xs: tf.Tensor4D; s: tf.Tensor2D } => {
    const s = tf.fused.matMul({ a: styles[idx], b: styleW, bias: styleB });
    return { xs: tf.mul(x, tf.reshape(s, [N, 1, 1, s.shape[1] as number])), s: s as tf.Tensor2D };
  };
  if (capture.has('4x4/Const')) keep('4x4/Const', tf.tile(p.constant, [N, 1, 1, 1]));
  let x: tf.Tensor4D = p.constant;
  let img: tf.Tensor4D | null = null;
  let rgbAt = 0;
  for (const c of p.convs) {
    const l = c.layer;
    const xIn = x;
    x = tf.tidy(() => {
      const { xs, s } = modulate(xIn, l.index, c.styleW, c.styleB);
      const y = c.kernel ? tf.conv2d(xs, c.kernel, 1, 'same') : _interleave(c.phases.map((k) => tf.conv2d(xs, k, 1, 'same')));
      const d = tf.rsqrt(tf.add(tf.matMul(tf.square(s), c.wsq), 1e-8));
      const nz = noise !== undefined ? noise[l.index] : c.storedNoise;
      const z = tf.add(tf.mul(y, tf.reshape(d, [N, 1, 1, l.channels])), tf.add(tf.mul(nz, c.strength), c.bias));
      return clampOf(tf.mul(tf.leakyRelu(z, 0.2), _SQRT2));
    });
    if (xIn !== p.constant && !captured.has(xIn)) xIn.dispose();
    keep(l.scope, x);
    if (l.kind === 'conv') {
      const block = l.scope.split('/')[0];
      if (capture.has(block)) keep(block, capture.has(l.scope) ? tf.clone(x) : x);
      const rgb = p.rgbs[rgbAt++];
      const xr = x;
      const prev: tf.Tensor4D | null = img;
      img = tf.tidy((): tf.Tensor4D => {
        const { xs } = modulate(xr, rgb.styleIndex, rgb.styleW, rgb.styleB);
        const t = clampOf(tf.fused.conv2d({ x: xs, filter: rgb.weight, strides: 1, pad: 'same', bias: rgb.bias }));
        if (prev === null) return t;
        return tf.add(_interleave(p.upImage.map((k): tf.Tensor4D => tf.depthwiseConv2d(prev, k, 1, 'same'))), t);
      });
      if (prev) prev.dispose();
    }
  }
  return img as tf.Tensor4D;
}
