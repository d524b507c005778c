import { hashWeights } from './hash-weights.js';
import { readWeightsFolder } from './read-weights-folder.js';

/**
 * {@link hashWeights} of a weights folder's weights (read through the tf.io handler): the hash a
 * generator or decoder has in memory too.
 *
 * @param dir The folder holding `model.json`.
 * @returns 16 hex digits.
 * @example
 * ```ts
 * const hashes = { generator: await hashWeightsFolder('models/gen') };
 * ```
 */
export async function hashWeightsFolder(dir: string): Promise<string> {
  return hashWeights((await readWeightsFolder(dir)).weights);
}
