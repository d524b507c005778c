import { renderSample, sampleMetaFromSeed, type Decoder } from '@ganseg/decoder';
import type { StyleGAN } from '@ganseg/stylegan';
import { imageUncertainty } from './image-uncertainty.js';
import type { SynthSample } from './types.js';

/** Options of {@link createGanRenderer}. */
export interface GanRendererOptions {
  generator: StyleGAN;
  decoder: Decoder;
  /** Truncation psi; default stylegan's `DEFAULT_TRUNCATION` (0.7). */
  truncation?: number;
  /** Truncation cutoff (layers); default the official one (`defaultCutoff`: v1 8, StyleGAN2 every layer). */
  cutoff?: number;
  /** Fraction of most uncertain pixels averaged into the image's uncertainty; default 0.1. */
  uncertaintyTop?: number;
}

/**
 * The `render` of {@link writeSynthDataset} for a generator and a trained decoder: seed -> latent
 * (`latentFromSeed`) and noise (`noiseFromSeed`, same seed) -> image and features -> the decoder's
 * mask and per-pixel uncertainty -> the image's uncertainty (mean of its top 10%). The same seed
 * gives the same sample as `ganseg sample` would, on any worker (batch 1, so no batch-size
 * dependent arithmetic).
 *
 * @param opts Generator, decoder and truncation.
 * @returns The renderer.
 * @example
 * ```ts
 * const render = createGanRenderer({ generator, decoder });
 * await writeSynthDataset({ out, n: 1000, render, classes: decoder.classes, hashes });
 * ```
 */
export function createGanRenderer(opts: GanRendererOptions): (seed: number) => Promise<SynthSample> {
  const g = opts.generator;
  return async (seed: number) => {
    const r = renderSample(g, opts.decoder, sampleMetaFromSeed(g, seed, { truncation: opts.truncation, cutoff: opts.cutoff }));
    return { seed, width: r.width, height: r.height, image: r.image, mask: r.mask, uncertainty: imageUncertainty(r.prediction.uncertainty, opts.uncertaintyTop ?? 0.1) };
  };
}
