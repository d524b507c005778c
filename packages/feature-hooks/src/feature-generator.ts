import type * as tf from '@tensorflow/tfjs-core';

/**
 * The part of `@ganseg/stylegan`'s `StyleGAN` that feature capture uses. A `StyleGAN` satisfies it
 * as is; tests may pass any object with the same shape.
 *
 * @example
 * ```ts
 * import { StyleGAN, createConfig } from '@ganseg/stylegan';
 * import type { FeatureGenerator } from '@ganseg/feature-hooks';
 * const gen: FeatureGenerator = StyleGAN.random(createConfig({ resolution: 32 }), 0);
 * ```
 */
export interface FeatureGenerator {
  /** The generator's architecture (the fields of `StyleGANConfig` feature capture reads). */
  readonly config: {
    resolution: number;
    latentSize: number;
    dlatentSize: number;
    fmapBase: number;
    fmapDecay: number;
    fmapMax: number;
    numChannels: number;
    /** Rows the generator's images drop top and bottom, at `resolution` (absent: none). */
    crop?: { top: number; bottom: number };
  };
  /** Number of synthesis layers (2 log2(resolution) - 2). */
  readonly numLayers: number;
  /** The weights, by canonical name (used to hash the generator). */
  readonly weights: Record<string, tf.Tensor>;
  /** Maps z [N, latentSize] to w [N, dlatentSize]. */
  mapping(z: tf.Tensor2D): tf.Tensor2D;
  /** Truncates w towards the average: W+ [N, numLayers, dlatentSize]. */
  truncate(w: tf.Tensor2D, psi?: number, cutoff?: number): tf.Tensor3D;
  /** Runs synthesis from W+, returning the image and the activations asked for in `capture` (NHWC). */
  synthesis(
    wplus: tf.Tensor3D,
    opts?: { noise?: tf.Tensor4D[]; capture?: string[] },
  ): { image: tf.Tensor4D; activations: Record<string, tf.Tensor4D> };
  /** Every name `capture` accepts, coarse to fine. */
  activationNames(): string[];
}
