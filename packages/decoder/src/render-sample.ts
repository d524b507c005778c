import * as tf from '@tensorflow/tfjs-core';
import { resizeMask, type SampleMeta } from '@ganseg/formats';
import { imageToBytes, type StyleGAN } from '@ganseg/stylegan';
import type { Decoder } from './decoder.js';
import { predictMask, type MaskPrediction } from './predict-mask.js';
import { regenerateFeatures } from './regenerate-features.js';

/** What {@link renderSample} returns. */
export interface RenderedSample {
  /** Image side (the sample's `width` x `height`). */
  width: number;
  height: number;
  /** RGB bytes (stylegan's `imageToBytes`), `width * height * 3`. */
  image: Uint8Array;
  /** The decoder's mask at the image's size (formats' `resizeMask`, nearest pixel centre, when the decoder predicts smaller). */
  mask: Uint8Array;
  /** The decoder's prediction at its own size (mask, uncertainty, probabilities). */
  prediction: MaskPrediction;
}

/**
 * The one path from a latent to image, features and mask: the sample's latent, truncation and
 * noise (its record) -> the generator's image and the decoder's features (`regenerateFeatures`)
 * -> the decoder's mask, resized to the image. Used by dataset synthesis, `predict-mask`, the
 * annotator's predictions and decoder evaluation. Every tensor is disposed.
 *
 * @param gen The generator.
 * @param decoder The decoder (its feature spec decides what is captured).
 * @param meta The sample's record (see {@link sampleMetaFromSeed} for one from a seed).
 * @returns Image bytes, mask at the image's size and the raw prediction.
 * @example
 * ```ts
 * const { image, mask } = renderSample(gen, decoder, sampleMetaFromSeed(gen, 7));
 * ```
 */
export function renderSample(gen: StyleGAN, decoder: Decoder, meta: SampleMeta): RenderedSample {
  const f = regenerateFeatures(gen, meta, decoder.spec);
  let image: Uint8Array;
  let prediction: MaskPrediction;
  try {
    image = imageToBytes(f.image);
    [prediction] = predictMask(decoder, f.maps);
  } finally {
    tf.dispose([f.image, ...f.maps]);
  }
  const { width, height } = meta;
  const p = prediction;
  const mask = p.width === width && p.height === height ? p.mask : resizeMask({ data: p.mask, width: p.width, height: p.height }, width, height).data;
  return { width, height, image, mask, prediction };
}
