// One shard (a slice of the batch) of a StyleGAN training step, the same code in every
// data-parallel worker (_train-worker.ts): set the weights, compute the D or the G gradient of the
// shard's images, return it as one flat array (structured-clone friendly). Shards are equal in
// size, so the mean of the shard losses and gradients is the full batch's.
import * as tf from '@tensorflow/tfjs-core';
import { flattenTensors } from '@ganseg/runtime';
import { StyleGAN, type StyleGANConfig } from '@ganseg/stylegan';
import type { Discriminator } from './discriminator.js';
import { logisticLoss } from './logistic-losses.js';
import { r1Penalty } from './r1-penalty.js';
import { _arrTensor, _drawTensors } from './_step-draws.js';

/** A tensor as data and shape. */
export interface _Arr {
  data: Float32Array;
  shape: number[];
}

/** The latents and noise of a shard's fakes. */
export interface _Draws {
  z: _Arr;
  mixZ?: _Arr;
  mixLayer?: number;
  noise: _Arr[];
}

/** A D step's shard. */
export interface _DTask {
  kind: 'D';
  /** Every G weight, `Object.keys(G)` order, concatenated; every D weight likewise. */
  g: Float32Array;
  d: Float32Array;
  draws: _Draws;
  reals: _Arr;
  r1: boolean;
  /** R1 weight times 0.5 times r1Every (the loss's factor on the mean penalty). */
  r1Factor: number;
}

/** A G step's shard. */
export interface _GTask {
  kind: 'G';
  g: Float32Array;
  d: Float32Array;
  draws: _Draws;
}

/** A shard's result: loss, gradient (trainable weights, key order, concatenated), and extras. */
export interface _ShardOut {
  loss: number;
  grads: Float32Array;
  /** D: the shard's mean R1 penalty (NaN when not computed). */
  r1: number;
  /** G: the shard's mean w (first layer of w+), `[dlatentSize]`. */
  wMean: Float32Array | null;
}

function _fakes(cfg: StyleGANConfig, G: Record<string, tf.Tensor>, d: _Draws): { image: tf.Tensor4D; wplus: tf.Tensor } {
  const g = StyleGAN.fromWeights(cfg, G, undefined, true); // G's tensors themselves, no clones
  const out = g.generate(_drawTensors(d));
  tf.dispose(Object.values(out.activations ?? {}));
  return { image: out.image as tf.Tensor4D, wplus: out.wplus };
}

/**
 * The D gradient of one shard: non-saturating logistic loss on the shard's fakes and reals, plus
 * (`r1`) the R1 penalty on its reals. `G` and `D` hold the step's weights already.
 *
 * @example
 * ```ts
 * const out = _dShard(cfg, G, D, gTrainable, task);
 * ```
 */
export function _dShard(cfg: StyleGANConfig, G: Record<string, tf.Tensor>, D: Discriminator, task: Pick<_DTask, 'draws' | 'reals' | 'r1' | 'r1Factor'>): _ShardOut {
  const fakes = tf.tidy(() => _fakes(cfg, G, task.draws).image);
  const reals = _arrTensor(task.reals) as tf.Tensor4D;
  const dVars = Object.values(D.weights);
  let r1Value: tf.Scalar | null = null;
  let kept: tf.Tensor | null = null;
  try {
    const { value, grads } = tf.variableGrads(() => {
      if (!task.r1) return logisticLoss(...D.scoresPair(fakes, reals));
      const fakeScores = D.scores(fakes);
      const r1 = r1Penalty(D, reals);
      kept = r1.scores;
      r1Value = tf.keep(tf.mean(r1.penalty)) as tf.Scalar;
      return tf.add(logisticLoss(fakeScores, r1.scores), tf.mul(tf.mean(r1.penalty), task.r1Factor)) as tf.Scalar;
    }, dVars);
    const out: _ShardOut = { loss: value.dataSync()[0], grads: flattenTensors(dVars.map((v) => grads[v.name])), r1: r1Value ? (r1Value as tf.Scalar).dataSync()[0] : NaN, wMean: null };
    tf.dispose([value, ...Object.values(grads)]);
    return out;
  } finally {
    tf.dispose([fakes, reals, ...(kept ? [kept] : []), ...(r1Value ? [r1Value] : [])]);
  }
}

/**
 * The G gradient of one shard (non-saturating loss of D's scores of its fakes) and its mean w.
 *
 * @example
 * ```ts
 * const out = _gShard(cfg, G, gTrainable, D, task);
 * ```
 */
export function _gShard(cfg: StyleGANConfig, G: Record<string, tf.Variable>, gTrain: tf.Variable[], D: Discriminator, task: Pick<_GTask, 'draws'>): _ShardOut {
  let wMean: tf.Tensor | null = null;
  const { value, grads } = tf.variableGrads(() => {
    const out = _fakes(cfg, G, task.draws);
    wMean = tf.keep(tf.mean(tf.squeeze(tf.slice(out.wplus, [0, 0, 0], [-1, 1, -1]), [1]), 0));
    return logisticLoss(D.scores(out.image));
  }, gTrain);
  const res: _ShardOut = { loss: value.dataSync()[0], grads: flattenTensors(gTrain.map((v) => grads[v.name])), r1: NaN, wMean: (wMean as unknown as tf.Tensor).dataSync() as Float32Array };
  tf.dispose([value, ...Object.values(grads), wMean as unknown as tf.Tensor]);
  return res;
}
