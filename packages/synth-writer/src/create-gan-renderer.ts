import * as tf from '@tensorflow/tfjs-core';
import { predictMask, regenerateFeatures, type Decoder } from '@ganseg/decoder';
import type { SampleMeta } from '@ganseg/formats';
import { DEFAULT_TRUNCATION, defaultCutoff, imageToBytes, latentFromSeed, type StyleGAN } from '@ganseg/stylegan';
import { imageUncertainty } from './image-uncertainty.js';
import type { SynthSample } from './types.js';

/** Options of {@link createGanRenderer}. */
export interface GanRendererOptions {
  generator: StyleGAN;
  decoder: Decoder;
  /** Truncation psi; default 0.7. */
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
  const R = g.config.resolution;
  // a generator with config.crop (the LSUN Car layout) makes R-wide images of H rows
  const H = R - (g.config.crop?.top ?? 0) - (g.config.crop?.bottom ?? 0);
  return async (seed: number) => {
    const meta: SampleMeta = {
      format: 'ganseg-sample',
      version: 1,
      id: String(seed),
      seed,
      z: Array.from(latentFromSeed(seed, g.config.latentSize)),
      truncation: opts.truncation ?? DEFAULT_TRUNCATION,
      cutoff: opts.cutoff ?? defaultCutoff(g.config),
      noiseSeed: seed,
      generator: '',
      width: R,
      height: H,
    };
    const f = regenerateFeatures(g, meta, opts.decoder.spec);
    let pixels: Uint8Array;
    let p;
    try {
      pixels = imageToBytes(f.image);
      [p] = predictMask(opts.decoder, f.maps);
    } finally {
      tf.dispose([f.image, ...f.maps]);
    }
    let mask = p.mask;
    if (p.width !== R || p.height !== H) {
      // the decoder's output side differs from the image's: nearest resize to the image
      mask = new Uint8Array(H * R);
      for (let y = 0; y < H; y++) for (let x = 0; x < R; x++) mask[y * R + x] = p.mask[Math.floor((y * p.height) / H) * p.width + Math.floor((x * p.width) / R)];
    }
    return { seed, width: R, height: H, image: pixels, mask, uncertainty: imageUncertainty(p.uncertainty, opts.uncertaintyTop ?? 0.1) };
  };
}
