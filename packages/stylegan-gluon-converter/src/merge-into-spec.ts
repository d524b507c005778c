import { checkWeights } from '@ganseg/io';
import type { SpecEntry, WeightArray } from './_types.js';

/**
 * The one strict merge: checks converted weights against a weight spec (names and shapes, e.g.
 * `weightSpec(config)` of `@ganseg/stylegan`) with `@ganseg/io`'s `checkWeights` and returns them
 * in spec order. Every missing, unexpected and mis-shaped key, and every key holding NaN/Inf, is
 * listed in one `WeightsMismatchError` (`@ganseg/io`).
 *
 * @param spec the expected names and shapes
 * @param found converted weights by canonical name
 * @param file the checkpoint, for the error
 * @returns the weights, in spec order
 * @example
 * ```ts
 * const weights = mergeIntoSpec(weightSpec(config), found, 'ffhq.pkl');
 * ```
 */
export function mergeIntoSpec(spec: SpecEntry[], found: Record<string, WeightArray>, file: string): Record<string, WeightArray> {
  checkWeights(spec, new Map(Object.entries(found).map(([k, w]) => [k, { shape: w.shape, values: w.data }])), {
    source: file,
    against: 'the StyleGAN weight spec',
    hint: 'The config deduced from the file may be wrong, or the file is damaged.',
  });
  return Object.fromEntries(spec.map(({ name }) => [name, found[name]]));
}
