import * as tf from '@tensorflow/tfjs-core';
import type { StyleGANConfig } from './create-config.js';
import { _layers } from './_arch.js';
import { noiseArrays } from './noise-arrays.js';

/**
 * Per-layer noise maps drawn from one seeded stream (`createRng(seed)`): layer 0 first, each a
 * [batch, res, res, 1] block of standard normal draws in row-major order. The same on every
 * backend; {@link noiseArrays} gives the same numbers as arrays.
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
  const layers = _layers(config);
  return noiseArrays(config, seed, batch).map((a, i) => tf.tensor4d(a, [batch, layers[i].res, layers[i].res, 1]));
}
