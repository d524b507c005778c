import * as tf from '@tensorflow/tfjs-core';
import { ConfusionMatrix, computeMetrics, type MetricsSummary } from '@ganseg/metrics';
import { predictMask, regenerateFeatures, type Decoder } from '@ganseg/decoder';
import { loadAnnotations } from '@ganseg/formats';
import type { StyleGAN } from '@ganseg/stylegan';

/**
 * Evaluates a decoder on the annotated samples of a workspace: features are regenerated from each
 * sample's latent, the decoder's mask is compared with the annotation (255 ignored).
 *
 * @param generator The generator the workspace was sampled with.
 * @param decoder The decoder.
 * @param workspace The annotation workspace.
 * @returns Metrics over all annotated samples.
 * @example
 * ```ts
 * const m = await evaluateDecoder(gen, decoder, 'ws');
 * ```
 */
export async function evaluateDecoder(generator: StyleGAN, decoder: Decoder, workspace: string): Promise<MetricsSummary> {
  const ann = await loadAnnotations(workspace);
  const cm = new ConfusionMatrix(ann.classes.length, { ignoreIndex: 255 });
  for (const s of ann.samples) {
    const f = regenerateFeatures(generator, s.meta, decoder.spec);
    try {
      const [p] = predictMask(decoder, f.maps);
      cm.add(p.mask, s.mask);
    } finally {
      tf.dispose([f.image, ...f.maps]);
    }
  }
  return computeMetrics(cm, ann.classes.map((c) => c.name));
}
