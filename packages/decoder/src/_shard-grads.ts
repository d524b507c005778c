// One image's part of a conv-decoder training step, the same code in the main thread (one worker)
// and in each data-parallel worker (_train-worker.ts): set the parameters, run the forward pass
// with BN on this image's own statistics, return the gradient and the BN batch statistics as flat
// arrays (structured-clone friendly).
import * as tf from '@tensorflow/tfjs-core';
import { assignFlat, createRng, crossEntropyWithIgnore, flattenTensors } from '@ganseg/runtime';
import type { DecoderConfig } from './decoder-config.js';
import { IGNORE_INDEX } from '@ganseg/formats';
import { _isRunningStat, type _BnStats, type _Params } from './_layers.js';
import { _convDecoderForward } from './_conv-decoder.js';

type ConvConfig = Extract<DecoderConfig, { arch: 'conv' }>;

/** One image of a step. */
export interface _ShardTask {
  /** Every parameter (running statistics included), in `Object.keys(params)` order, concatenated; absent: use the params as they are. */
  params?: Float32Array;
  /** The image's feature maps, one a level, `[h, w, c]`. */
  maps: { data: Float32Array; shape: [number, number, number] }[];
  /** Class ids, `size * size` (IGNORE_INDEX counts for nothing). */
  mask: Uint8Array;
  /** Train the mirrored network (the flip augmentation, see `_convDecoderForward`). */
  mirrored: boolean;
  /** BN on the running statistics (the last epochs); else on this image's statistics. */
  frozen: boolean;
  /** Seed of this image's dropout masks. */
  dropoutSeed: number;
  /** Recompute each level in backprop instead of keeping its intermediates (less memory, one more forward pass). */
  recompute?: boolean;
}

/** What a shard gives back. */
export interface _ShardResult {
  loss: number;
  correct: number;
  valid: number;
  /** Gradients of the trainable parameters (`Object.keys` order less running statistics), concatenated. */
  grads: Float32Array;
  /** BN names and their batch means and variances (each `[c]`), concatenated mean then variance a BN; empty when frozen. */
  statNames: string[];
  stats: Float32Array;
}

/**
 * The loss, pixel counts, gradient and BN statistics of one image.
 *
 * @example
 * ```ts
 * const r = _shardGrads(params, config, { maps, mask, mirrored: false, frozen: false, dropoutSeed: 7 });
 * ```
 */
export function _shardGrads(p: _Params, config: ConvConfig, task: _ShardTask): _ShardResult {
  if (task.params) assignFlat(p, task.params);
  const trainable = Object.entries(p).filter(([n]) => !_isRunningStat(n)).map(([, v]) => v);
  const size = config.size;
  const maps = task.maps.map((m) => tf.tensor4d(m.data, [1, ...m.shape]));
  const labels = tf.tensor3d(Int32Array.from(task.mask), [1, size, size], 'int32');
  const stats: _BnStats = [];
  let pred: tf.Tensor | null = null;
  const rng = createRng(`dropout:${task.dropoutSeed}`);
  try {
    const { value, grads } = tf.variableGrads(() => {
      const logits = _convDecoderForward(p, config, maps, !task.frozen, rng, task.frozen ? null : stats, task.mirrored, task.recompute ?? false);
      pred = tf.keep(tf.argMax(logits, -1));
      return crossEntropyWithIgnore(logits, labels);
    }, trainable);
    const loss = value.dataSync()[0];
    const g = flattenTensors(trainable.map((v) => grads[v.name]));
    tf.dispose([value, ...Object.values(grads)]);
    const statNames = stats.map((s) => s.name);
    const st = new Float32Array(stats.reduce((a, s) => a + 2 * s.mean.size, 0));
    let o = 0;
    for (const s of stats) {
      st.set(s.mean.dataSync() as Float32Array, o);
      st.set(s.variance.dataSync() as Float32Array, o + s.mean.size);
      o += 2 * s.mean.size;
    }
    const predData = (pred as unknown as tf.Tensor).dataSync();
    let correct = 0;
    let valid = 0;
    for (let i = 0; i < task.mask.length; i++) {
      const l = task.mask[i];
      if (l === IGNORE_INDEX || l >= config.numClasses) continue;
      valid++;
      if (predData[i] === l) correct++;
    }
    return { loss, correct, valid, grads: g, statNames, stats: st };
  } finally {
    tf.dispose([...maps, labels, ...(pred ? [pred as unknown as tf.Tensor] : []), ...stats.flatMap((s) => [s.mean, s.variance])]);
  }
}
