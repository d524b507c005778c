import { hashWeights } from '@ganseg/io';
import type { FeatureGenerator } from '@ganseg/feature-hooks';

/**
 * The hash of a generator's weights: io's `hashWeights` (sha256 over the weights in name order,
 * first 16 hex digits), the same as `hashWeightsFolder` of the folder it was loaded from, so sample
 * records, decoders and `dataset.json` name one generator by one hash.
 *
 * @param gen The generator.
 * @returns 16 hex digits.
 * @example
 * ```ts
 * hashGenerator(gen); // e.g. '3f9c0a1b22d4e5f6'
 * ```
 */
export function hashGenerator(gen: Pick<FeatureGenerator, 'weights'>): string {
  return hashWeights(Object.entries(gen.weights).map(([name, t]) => ({ name, shape: t.shape, data: t.dataSync() as Float32Array })));
}
