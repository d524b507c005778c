// The paper's decoder (networks_seg.py of "Teaching GAN to generate per-pixel annotation"), NHWC:
//   cvt_i  = Dropout(0.5)(LeakyReLU(0.2)(BN(conv3x3(feat_i -> widths[i]))))
//   x_0    = cvt_0; x_i = concat(main_{i-1}, cvt_i) for i > 0
//   main_i = ResBlock(upsample_nearest_x2(x_i)) -> widths[i+1] channels, for i < last
//   main_last = conv3x3(x_last -> numClasses)
//   ResBlock(x) = shortcut(x) + LReLU(BN(conv3x3(LReLU(BN(conv3x3(x)))))), shortcut = conv1x1 when channels change
import * as tf from '@tensorflow/tfjs-core';
import { createRng, upsampleConv3x3, type Rng } from '@ganseg/runtime';
import { _up2 } from './_conv-grad.js';
import { _addBn, _addConv, _biasBnAct, _conv, _isRunningStat, _kernel, type _BnStats, type _Params } from './_layers.js';

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
  recompute = false,
): tf.Tensor4D {
  const L = c.levels.length;
  // one dropout stream a level, so a level recomputed in backprop draws the same masks
  const seeds = c.levels.map(() => (dropoutRng ? dropoutRng.int(2 ** 31) : -1));
  const level = (i: number, q: _Params, prev: tf.Tensor4D | null, st: _BnStats | null): tf.Tensor4D => {
    const drop = seeds[i] >= 0 ? { rate: c.dropout, rng: createRng(`level:${seeds[i]}`) } : null;
    let x = _biasBnAct(q, `cvt${i}/conv`, `cvt${i}/bn`, tf.conv2d(maps[i], _kernel(q, `cvt${i}/conv`, mirrored), 1, 'same'), training, st, drop);
    if (prev) x = tf.concat([prev, x], 3);
    if (i === L - 1) return _conv(q, `main${i}/out`, x, mirrored);
    // conv1 of the upsampled x at x's resolution; the 1x1 shortcut before the upsampling (it commutes)
    let y = _biasBnAct(q, `main${i}/conv1`, `main${i}/bn1`, upsampleConv3x3(x, _kernel(q, `main${i}/conv1`, mirrored)), training, st);
    y = _biasBnAct(q, `main${i}/conv2`, `main${i}/bn2`, tf.conv2d(y, _kernel(q, `main${i}/conv2`, mirrored), 1, 'same'), training, st);
    const sc = _up2(q[`main${i}/shortcut/w`] ? _conv(q, `main${i}/shortcut`, x) : x);
    return tf.add(sc, y) as tf.Tensor4D;
  };
  let prev: tf.Tensor4D | null = null;
  for (let i = 0; i < L; i++) {
    if (!recompute) {
      prev = level(i, p, prev, stats);
      continue;
    }
    // one op a level that keeps only its input (a finer split, one op a conv block, measured
    // more memory at 512 px: it keeps every block's input)
    const names = Object.keys(p).filter((n) => (n.startsWith(`cvt${i}/`) || n.startsWith(`main${i}/`)) && !_isRunningStat(n));
    const inputs = prev ? [prev] : [];
    prev = _checkpointed(p, names, inputs, (q, xs, again) => level(i, q, (xs[0] as tf.Tensor4D | undefined) ?? null, again ? null : stats));
  }
  const logits = prev as tf.Tensor4D;
  if (logits.shape[1] !== c.size || logits.shape[2] !== c.size) return tf.image.resizeBilinear(logits, [c.size, c.size], false, true);
  return logits;
}

/**
 * `fn` as one op that keeps only its inputs for backprop (gradient checkpointing): the forward
 * pass frees every intermediate; the gradient runs `fn` again (`again` true: record no BN
 * statistics twice) and differentiates that. The parameters `names` are the op's inputs too, so
 * they get their gradients.
 */
function _checkpointed(
  p: _Params,
  names: string[],
  inputs: tf.Tensor[],
  fn: (q: _Params, xs: tf.Tensor[], again: boolean) => tf.Tensor4D,
): tf.Tensor4D {
  const k = inputs.length;
  const split = (args: tf.Tensor[]): { q: _Params; xs: tf.Tensor[] } => {
    const q: _Params = { ...p };
    names.forEach((n, j) => (q[n] = args[k + j] as tf.Variable));
    return { q, xs: args.slice(0, k) };
  };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const all = args.slice(0, -1) as tf.Tensor[];
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const { q, xs } = split(all);
    const value = fn(q, xs, false);
    save(all);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const f = (...ys: tf.Tensor[]) => {
        const r = split(ys);
        return fn(r.q, r.xs, true);
      };
      // a gradient taken inside backprop: tfjs's engine then starts a fresh tape in place of the
      // outer one and drops it at the end; keep the outer tape (its saved tensors are freed by
      // the outer gradient call, which needs it back)
      const state = (tf.engine() as unknown as { state: { activeTape: unknown } }).state;
      const outer = state.activeTape;
      try {
        return tf.grads(f)(saved, dy);
      } finally {
        state.activeTape = outer;
      }
    };
    return { value, gradFunc };
  }) as unknown as (...xs: tf.Tensor[]) => tf.Tensor4D;
  return op(...inputs, ...names.map((n) => p[n]));
}
