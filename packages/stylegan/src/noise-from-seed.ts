import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@ganseg/runtime';
import type { StyleGANConfig } from './create-config.js';
import { _layers } from './_arch.js';

/**
 * Per-layer noise maps drawn from one seeded stream (`createRng(seed)`): layer 0 first, each a
 * [batch, res, res, 1] block of standard normal draws in row-major order. The same on every
 * backend.
 *
 * @param config The architecture (gives the layers and their resolutions).
 * @param seed The seed.
 * @param batch Number of maps per layer (default 1, broadcast over the batch).
 * @returns numLayers tensors [batch, res, res, 1]; the caller disposes them.
 * @example
 * ```ts
 * const noise = noiseFromSeed(gen.config, 7);
 * const { image } = gen.generate({ z, noise });
 * tf.dispose(noise);
 * ```
 */
export function noiseFromSeed(config: StyleGANConfig, seed: number, batch = 1): tf.Tensor4D[] {
  const rng = createRng(seed);
  return _layers(config).map((l) => tf.tensor4d(rng.normalArray(batch * l.res * l.res), [batch, l.res, l.res, 1]));
}
