/**
 * The file id of a seed's sample: the seed, zero-padded to six digits (`000042`), so that file
 * names sort like seeds.
 *
 * @param seed The seed.
 * @returns The id.
 * @example
 * ```ts
 * sampleId(42); // "000042"
 * ```
 */
export function sampleId(seed: number): string {
  return seed < 0 ? `m${String(-seed).padStart(6, '0')}` : String(seed).padStart(6, '0');
}
