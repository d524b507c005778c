// The paper's decoder (networks_seg.py of "Teaching GAN to generate per-pixel annotation"), NHWC:
//   cvt_i  = Dropout(0.5)(LeakyReLU(0.2)(BN(conv3x3(feat_i -> widths[i]))))
//   x_0    = cvt_0; x_i = concat(main_{i-1}, cvt_i) for i > 0
//   main_i = ResBlock(upsample_nearest_x2(x_i)) -> widths[i+1] channels, for i < last
//   main_last = conv3x3(x_last -> numClasses)
//   ResBlock(x) = shortcut(x) + LReLU(BN(conv3x3(LReLU(BN(conv3x3(x)))))), shortcut = conv1x1 when channels change
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@ganseg/runtime';
import { _up2 } from './_conv-grad.js';
import { _addBn, _addConv, _biasBnAct, _conv, _kernel, type _BnStats, type _Params } from './_layers.js';
import { _upConv3x3 } from './_up-conv.js';
import type { DecoderConfig } from './decoder-config.js';

type ConvConfig = Extract<DecoderConfig, { arch: 'conv' }>;

/** Builds one member's parameters. */
export function _initConvDecoder(c: ConvConfig, rng: Rng): _Params {
  const p: _Params = {};
  const L = c.levels.length;
  for (let i = 0; i < L; i++) {
    _addConv(p, `cvt${i}/conv`, rng, 3, c.levels[i].channels, c.widths[i]);
    _addBn(p, `cvt${i}/bn`, c.widths[i]);
  }
  for (let i = 0; i < L; i++) {
    const cin = i > 0 ? 2 * c.widths[i] : c.widths[i];
    if (i < L - 1) {
      const cout = c.widths[i + 1];
      _addConv(p, `main${i}/conv1`, rng, 3, cin, cout);
      _addBn(p, `main${i}/bn1`, cout);
      _addConv(p, `main${i}/conv2`, rng, 3, cout, cout);
      _addBn(p, `main${i}/bn2`, cout);
      if (cin !== cout) _addConv(p, `main${i}/shortcut`, rng, 1, cin, cout);
    } else {
      _addConv(p, `main${i}/out`, rng, 3, cin, c.numClasses);
    }
  }
  return p;
}

/**
 * Logits [N, size, size, numClasses] from the native-size maps (one a level).
 * `training`: BN on batch statistics (else running ones); `dropoutRng` null: no dropout; `stats` collects BN batch statistics.
 * `mirrored`: every kernel mirrored left-right. Every layer commutes with a horizontal flip, so
 * this network's logits are the mirror image of the plain network's logits for the mirrored maps;
 * since the loss is a per-pixel mean, training on (mirrored maps, mirrored mask) equals training
 * the mirrored network on (maps, mask): a flip augmentation that flips nothing large.
 */
export function _convDecoderForward(
  p: _Params,
  c: ConvConfig,
  maps: tf.Tensor4D[],
  training: boolean,
  dropoutRng: Rng | null,
  stats: _BnStats | null,
  mirrored = false,
): tf.Tensor4D {
  const L = c.levels.length;
  let prev: tf.Tensor4D | null = null;
  let out: tf.Tensor4D | null = null;
  const drop = dropoutRng ? { rate: c.dropout, rng: dropoutRng } : null;
  for (let i = 0; i < L; i++) {
    let x = _biasBnAct(p, `cvt${i}/conv`, `cvt${i}/bn`, tf.conv2d(maps[i], _kernel(p, `cvt${i}/conv`, mirrored), 1, 'same'), training, stats, drop);
    if (prev) x = tf.concat([prev, x], 3);
    if (i < L - 1) {
      // conv1 of the upsampled x at x's resolution; the 1x1 shortcut before the upsampling (it commutes)
      let y = _biasBnAct(p, `main${i}/conv1`, `main${i}/bn1`, _upConv3x3(x, _kernel(p, `main${i}/conv1`, mirrored)), training, stats);
      y = _biasBnAct(p, `main${i}/conv2`, `main${i}/bn2`, tf.conv2d(y, _kernel(p, `main${i}/conv2`, mirrored), 1, 'same'), training, stats);
      const sc = _up2(p[`main${i}/shortcut/w`] ? _conv(p, `main${i}/shortcut`, x) : x);
      prev = tf.add(sc, y) as tf.Tensor4D;
    } else {
      out = _conv(p, `main${i}/out`, x, mirrored);
    }
  }
  const logits = out as tf.Tensor4D;
  if (logits.shape[1] !== c.size || logits.shape[2] !== c.size) return tf.image.resizeBilinear(logits, [c.size, c.size], false, true);
  return logits;
}
