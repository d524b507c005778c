import { createRng } from '@ganseg/runtime';

/**
 * The latent z of a seed: `latentSize` standard normal draws from `createRng(seed)`. The same on
 * every backend, platform and worker.
 *
 * @param seed The seed (an integer).
 * @param latentSize Length of z (512 for the official generators).
 * @returns z as a Float32Array.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { latentFromSeed } from '@ganseg/stylegan';
 * const z = tf.tensor2d(latentFromSeed(42, 512), [1, 512]);
 * ```
 */
export function latentFromSeed(seed: number, latentSize: number): Float32Array {
  return createRng(seed).normalArray(latentSize);
}
