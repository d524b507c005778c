import { createRng } from '@ganseg/runtime';
import type { StyleGANConfig } from './create-config.js';
import { _layers } from './_arch.js';

/**
 * The numbers of {@link noiseFromSeed}'s maps as plain arrays (no tensors, no backend): one
 * stream, `createRng(seed)`, layer 0 first, each layer `batch * res * res` standard normal draws
 * in row-major [batch, res, res] order. Use it where the draws are made off the main thread (a
 * worker computing the next training step's noise) or sent elsewhere before they become tensors.
 *
 * @param config The architecture (gives the layers and their resolutions).
 * @param seed The seed.
 * @param batch Number of maps per layer (default 1).
 * @returns One Float32Array a layer.
 * @example
 * ```ts
 * const maps = noiseArrays(gen.config, 7, 4); // maps[i].length === 4 * res_i * res_i
 * ```
 */
export function noiseArrays(config: StyleGANConfig, seed: number, batch = 1): Float32Array[] {
  const rng = createRng(seed);
  return _layers(config).map((l) => rng.normalArray(batch * l.res * l.res));
}
