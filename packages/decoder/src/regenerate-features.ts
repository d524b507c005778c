import * as tf from '@tensorflow/tfjs-core';
import { captureFeatures, type CapturedFeatures, type FeatureSpec } from '@ganseg/feature-hooks';
import { noiseFromSeed, type StyleGAN } from '@ganseg/stylegan';
import { WorkspaceError, type SampleMeta } from '@ganseg/formats';

/**
 * Regenerates a sample's image and features from its stored latent (`samples/<id>.json`): z ->
 * mapping -> truncation (psi, cutoff) -> synthesis with the sample's noise, capturing what `spec`
 * asks for. The stored PNG is never read.
 *
 * @param gen The generator the sample was made with.
 * @param meta The sample's metadata.
 * @param spec The feature choice.
 * @returns Image and maps (batch 1); the caller disposes them.
 * @throws WorkspaceError when the latent does not fit the generator.
 * @example
 * ```ts
 * const { image, maps } = regenerateFeatures(gen, meta, decoder.spec);
 * tf.dispose([image, ...maps]);
 * ```
 */
export function regenerateFeatures(gen: StyleGAN, meta: SampleMeta, spec: FeatureSpec = {}): CapturedFeatures {
  if (!Array.isArray(meta.z) || meta.z.length !== gen.config.latentSize) {
    throw new WorkspaceError(`sample ${meta.id}: latent z has ${Array.isArray(meta.z) ? meta.z.length : 'no'} values; this generator takes ${gen.config.latentSize}.`);
  }
  const noise = meta.noiseSeed == null ? undefined : noiseFromSeed(gen.config, meta.noiseSeed);
  try {
    const wplus = tf.tidy(() => gen.truncate(gen.mapping(tf.tensor2d(meta.z, [1, meta.z.length])), meta.truncation, meta.cutoff ?? undefined));
    try {
      return captureFeatures(gen, wplus, spec, { noise });
    } finally {
      wplus.dispose();
    }
  } finally {
    if (noise) tf.dispose(noise);
  }
}
