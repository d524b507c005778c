// DatasetGAN's per-pixel classifier: Linear(D, h0) ReLU BN, Linear(h0, h1) ReLU BN, ..., Linear(h_last, C).
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@ganseg/runtime';
import { _addBn, _addDense, _bn, _dense, type _BnStats, type _Params } from './_layers.js';
import type { DecoderConfig } from './decoder-config.js';

type MlpConfig = Extract<DecoderConfig, { arch: 'mlp' }>;

/** Builds one member's parameters. */
export function _initMlpDecoder(c: MlpConfig, rng: Rng): _Params {
  const p: _Params = {};
  let cin = c.inputChannels;
  c.hidden.forEach((h, i) => {
    _addDense(p, `fc${i}`, rng, cin, h);
    _addBn(p, `fc${i}/bn`, h);
    cin = h;
  });
  _addDense(p, 'out', rng, cin, c.numClasses);
  return p;
}

/** Logits [P, numClasses] for pixel features [P, D]. */
export function _mlpForward(p: _Params, c: MlpConfig, x: tf.Tensor2D, training: boolean, stats: _BnStats | null): tf.Tensor2D {
  let h = x;
  for (let i = 0; i < c.hidden.length; i++) {
    h = tf.relu(_dense(p, `fc${i}`, h));
    h = _bn(p, `fc${i}/bn`, h, training, stats);
  }
  return _dense(p, 'out', h);
}
