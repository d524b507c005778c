import { ConfusionMatrix, computeMetrics, type MetricsSummary } from '@ganseg/metrics';
import { renderSample, type Decoder } from '@ganseg/decoder';
import { IGNORE_INDEX, loadAnnotations } from '@ganseg/formats';
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
  const cm = new ConfusionMatrix(ann.classes.length, { ignoreIndex: IGNORE_INDEX });
  for (const s of ann.samples) {
    cm.add(renderSample(generator, decoder, s.meta).mask, s.mask);
  }
  return computeMetrics(cm, ann.classes.map((c) => c.name));
}
