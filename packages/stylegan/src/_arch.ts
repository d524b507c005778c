import type * as tf from '@tensorflow/tfjs-core';
import type { StyleGANConfig } from './create-config.js';
import { stageChannels } from './stage-channels.js';

/** One synthesis layer: its scope (`'8x8/Conv0_up'`), index, resolution and channels. */
export interface _Layer {
  scope: string;
  index: number;
  res: number;
  inChannels: number;
  channels: number;
  kind: 'const' | 'conv' | 'up' | 'fused';
}


/** What v1 and v2 synthesis precompute for one conv layer, before the forward pass. */
export interface _PreparedConv {
  layer: _Layer;
  /** scaled conv kernel [3, 3, in, out]; v1 upsampling layers too (flipped for fused ones); null for v2 upsampling layers. */
  kernel: tf.Tensor4D | null;
  /** v2 upsampling layers: the four 3x3 phase kernels of the upsampling conv; empty otherwise. */
  phases: tf.Tensor4D[];
  /** scaled style dense weight. */
  styleW: tf.Tensor2D;
  styleB: tf.Tensor1D;
  storedNoise: tf.Tensor4D;
}

/** log2 of the resolution. */
export function _log2res(cfg: StyleGANConfig): number {
  return Math.round(Math.log2(cfg.resolution));
}

/** Number of W+ styles, 2 log2(resolution) - 2 (v2: the conv layers and the last ToRGB). */
export function _numStyles(cfg: StyleGANConfig): number {
  return 2 * _log2res(cfg) - 2;
}

/**
 * The synthesis layers with a noise input, in order; `index` is both the W+ style and the noise
 * index. v1: const + every conv (numLayers of them). v2 (skip generator): every modulated 3x3 conv
 * ('4x4/Conv', then 'RxR/Conv0_up' (kind 'up'), 'RxR/Conv1'): numLayers - 1 of them.
 */
export function _layers(cfg: StyleGANConfig): _Layer[] {
  const c1 = stageChannels(cfg, 1);
  if (cfg.architecture === 'stylegan2') {
    const out: _Layer[] = [{ scope: '4x4/Conv', index: 0, res: 4, inChannels: c1, channels: c1, kind: 'conv' }];
    for (let r = 3; r <= _log2res(cfg); r++) {
      const s = 2 ** r;
      const cin = stageChannels(cfg, r - 2);
      const cout = stageChannels(cfg, r - 1);
      out.push({ scope: `${s}x${s}/Conv0_up`, index: 2 * r - 5, res: s, inChannels: cin, channels: cout, kind: 'up' });
      out.push({ scope: `${s}x${s}/Conv1`, index: 2 * r - 4, res: s, inChannels: cout, channels: cout, kind: 'conv' });
    }
    return out;
  }
  const out: _Layer[] = [
    { scope: '4x4/Const', index: 0, res: 4, inChannels: c1, channels: c1, kind: 'const' },
    { scope: '4x4/Conv', index: 1, res: 4, inChannels: c1, channels: c1, kind: 'conv' },
  ];
  for (let r = 3; r <= _log2res(cfg); r++) {
    const s = 2 ** r;
    const cin = stageChannels(cfg, r - 2);
    const cout = stageChannels(cfg, r - 1);
    out.push({ scope: `${s}x${s}/Conv0_up`, index: 2 * r - 4, res: s, inChannels: cin, channels: cout, kind: s >= cfg.fusedScaleFrom ? 'fused' : 'up' });
    out.push({ scope: `${s}x${s}/Conv1`, index: 2 * r - 3, res: s, inChannels: cout, channels: cout, kind: 'conv' });
  }
  return out;
}
