import type { SampleMeta } from '@ganseg/formats';
import { DEFAULT_TRUNCATION, defaultCutoff, latentFromSeed, type StyleGAN } from '@ganseg/stylegan';

/** Options of {@link sampleMetaFromSeed}. */
export interface SampleMetaOptions {
  /** The sample id (default the seed as a string). */
  id?: string;
  /** Truncation psi (default stylegan's `DEFAULT_TRUNCATION`). */
  truncation?: number;
  /** Layers truncated (default the official one, `defaultCutoff`: v1 8, StyleGAN2 every layer). */
  cutoff?: number;
  /** Seed of the noise maps; null for the generator's stored noise (default: the seed). */
  noiseSeed?: number | null;
  /** The generator's hash, recorded (default ''). */
  generator?: string;
}

/**
 * The record of the sample a seed gives: latent `latentFromSeed(seed)`, truncation, cutoff and
 * noise seed, at the generator's resolution. What `ganseg sample` stores and what synthesis,
 * `predict-mask` and the annotator regenerate from.
 *
 * @param gen The generator.
 * @param seed The seed.
 * @param options Id, truncation, cutoff, noise seed, generator hash.
 * @returns The sample record.
 * @example
 * ```ts
 * const meta = sampleMetaFromSeed(gen, 7, { truncation: 0.5 });
 * ```
 */
export function sampleMetaFromSeed(gen: StyleGAN, seed: number, options: SampleMetaOptions = {}): SampleMeta {
  const R = gen.config.resolution;
  return {
    format: 'ganseg-sample',
    version: 1,
    id: options.id ?? String(seed),
    seed,
    z: Array.from(latentFromSeed(seed, gen.config.latentSize)),
    truncation: options.truncation ?? DEFAULT_TRUNCATION,
    cutoff: options.cutoff ?? defaultCutoff(gen.config),
    noiseSeed: options.noiseSeed === undefined ? seed : options.noiseSeed,
    generator: options.generator ?? '',
    width: R,
    height: R,
  };
}
