import { ConfusionMatrix, computeMetrics, type MetricsSummary } from '@ganseg/metrics';
import { predictDeepLab, readSegmentationDataset, type DeepLab, type SegmentationDataset } from '@ganseg/deeplab';

/** What {@link evaluateDeepLab} measured, and the predictions (for sample grids). */
export interface DeepLabEvaluation {
  metrics: MetricsSummary;
  matrix: ConfusionMatrix;
  predictions: { id: string; mask: Uint8Array }[];
}

/**
 * Runs a DeepLabV3+ over every image of a dataset folder (images/, masks/) and accumulates the
 * confusion matrix against the masks (255 ignored): pixel accuracy, IoU per class, mIoU.
 *
 * @param model The segmenter.
 * @param dataset A dataset folder or one already read.
 * @param onProgress Called after each image with (done, total).
 * @returns Metrics, the matrix and the predicted masks.
 * @example
 * ```ts
 * const { metrics } = await evaluateDeepLab(model, 'datasets/cars/test');
 * ```
 */
export async function evaluateDeepLab(
  model: DeepLab,
  dataset: string | SegmentationDataset,
  onProgress?: (done: number, total: number) => void,
): Promise<DeepLabEvaluation> {
  const ds = typeof dataset === 'string' ? await readSegmentationDataset(dataset) : dataset;
  const cm = new ConfusionMatrix(ds.classes.length, { ignoreIndex: ds.ignore });
  const predictions: { id: string; mask: Uint8Array }[] = [];
  let done = 0;
  for (const s of ds.samples) {
    const p = await predictDeepLab(model, { data: s.image, width: s.width, height: s.height });
    cm.add(p.mask, s.mask);
    predictions.push({ id: s.id, mask: p.mask });
    onProgress?.(++done, ds.samples.length);
  }
  return { metrics: computeMetrics(cm, ds.classes.map((c) => c.name)), matrix: cm, predictions };
}
