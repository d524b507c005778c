// A training step's random draws (latents, style-mixing choice, per-pixel noise) as plain arrays,
// computed from (seed, step, tag) alone, so that a worker thread can make the next step's while
// this one trains, and the data-parallel shards can be cut from them without tensors.
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@ganseg/runtime';
import { noiseArrays, type StyleGANConfig } from '@ganseg/stylegan';
import type { _Arr, _Draws } from './_shard-steps.js';

/** What the draws of every step depend on besides the step and its tag. */
export interface _DrawSpec {
  config: StyleGANConfig;
  seed: number;
  batch: number;
  /** Style-mixing probability. */
  mixProb: number;
  /** The generator's number of synthesis layers (the mixing crossover is in [1, numLayers)). */
  numLayers: number;
}

/** Which network's step the draws are for. */
export type _DrawTag = 'D' | 'G';

/**
 * Step `k`'s draws for `tag`: `createRng(`${seed}:${k}:${tag}`)` gives z, the mixing coin (and
 * then the second z and the crossover layer), and the seed of the noise maps, in that order.
 *
 * @example
 * ```ts
 * const d = _drawArrays(spec, 12, 'G'); // d.z.shape: [batch, latentSize]
 * ```
 */
export function _drawArrays(spec: _DrawSpec, k: number, tag: _DrawTag): _Draws {
  const { config: cfg, batch: B } = spec;
  const rng = createRng(`${spec.seed}:${k}:${tag}`);
  const z = { data: rng.normalArray(B * cfg.latentSize), shape: [B, cfg.latentSize] };
  const mix = rng.uniform() < spec.mixProb && spec.numLayers > 1;
  const mixZ = mix ? { data: rng.normalArray(B * cfg.latentSize), shape: [B, cfg.latentSize] } : undefined;
  const mixLayer = mix ? 1 + rng.int(spec.numLayers - 1) : undefined;
  const noise = noiseArrays(cfg, rng.int(2 ** 31), B).map((data) => {
    const res = Math.round(Math.sqrt(data.length / B));
    return { data, shape: [B, res, res, 1] };
  });
  return { z, ...(mix ? { mixZ, mixLayer } : {}), noise };
}

/** An array with its shape as a tensor (the caller disposes it). */
export function _arrTensor(a: _Arr): tf.Tensor {
  return tf.tensor(a.data, a.shape);
}

/**
 * The draws as the generator's inputs; the caller disposes the tensors (`z`, `mixZ`, `noise`).
 *
 * @example
 * ```ts
 * const t = _drawTensors(d);
 * const out = gen.generate(t);
 * tf.dispose([t.z, ...(t.mixZ ? [t.mixZ] : []), ...t.noise]);
 * ```
 */
export function _drawTensors(d: _Draws): { z: tf.Tensor2D; mixZ?: tf.Tensor2D; mixLayer?: number; noise: tf.Tensor4D[] } {
  const t = _arrTensor;
  return {
    z: t(d.z) as tf.Tensor2D,
    mixZ: d.mixZ ? (t(d.mixZ) as tf.Tensor2D) : undefined,
    mixLayer: d.mixLayer,
    noise: d.noise.map((n) => t(n) as tf.Tensor4D),
  };
}
