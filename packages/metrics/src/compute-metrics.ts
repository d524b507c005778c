import { _classStats } from './_class-stats.js';
import type { ConfusionMatrix } from './confusion-matrix.js';
import { MetricsError } from './metrics-error.js';
import type { ClassMetrics, MetricsSummary } from './types.js';

/**
 * Every figure of a matrix in one JSON-able object (undefined values are `null`, never `NaN`):
 * pixel accuracy, mean IoU, the paper's IoU (mean over the classes but the background, class 0),
 * mean class accuracy, frequency-weighted IoU, per-class IoU /
 * accuracy / pixel counts, and the names of the classes left out of the mean IoU.
 *
 * @param cm The accumulated matrix.
 * @param classNames One name a class (defaults to the indices as text).
 * @returns The summary.
 * @throws {MetricsError} When `classNames` does not hold one name a class.
 * @example
 * ```ts
 * const m = computeMetrics(cm, ['background', 'car', 'wheel']);
 * fs.writeFileSync('metrics.json', JSON.stringify(m, null, 2));
 * ```
 */
export function computeMetrics(cm: ConfusionMatrix, classNames?: readonly string[]): MetricsSummary {
  const s = _classStats(cm);
  const n = s.numClasses;
  if (classNames !== undefined && (!Array.isArray(classNames) || classNames.length !== n)) {
    const found = Array.isArray(classNames) ? `${classNames.length} names` : typeof classNames;
    throw new MetricsError(`classNames must hold one name for each of the ${n} classes, found ${found}`, {
      key: 'classNames',
      expected: `${n} names`,
      found,
    });
  }
  const perClass: ClassMetrics[] = [];
  const excludedClasses: string[] = [];
  let iouSum = 0;
  let iouN = 0;
  let fgSum = 0;
  let fgN = 0;
  let accSum = 0;
  let accN = 0;
  let fw = 0;
  let abstainedPixels = 0;
  for (let c = 0; c < n; c++) {
    const name = classNames === undefined ? String(c) : String(classNames[c]);
    const union = s.truth[c] + s.pred[c] - s.tp[c];
    const iou = union === 0 ? null : s.tp[c] / union;
    const accuracy = s.truth[c] === 0 ? null : s.tp[c] / s.truth[c];
    if (iou === null) excludedClasses.push(name);
    else {
      iouSum += iou;
      iouN++;
      if (c !== 0) {
        fgSum += iou;
        fgN++;
      }
    }
    if (accuracy !== null) {
      accSum += accuracy;
      accN++;
      fw += (s.truth[c] / s.total) * (iou as number);
    }
    abstainedPixels += cm.abstained[c];
    perClass.push({ index: c, name, iou, accuracy, pixels: s.truth[c], predicted: s.pred[c] });
  }
  return {
    pixelAccuracy: s.total === 0 ? null : s.correct / s.total,
    meanIoU: iouN === 0 ? null : iouSum / iouN,
    backgroundSkippedIoU: fgN === 0 ? null : fgSum / fgN,
    meanClassAccuracy: accN === 0 ? null : accSum / accN,
    frequencyWeightedIoU: s.total === 0 ? null : fw,
    perClass,
    excludedClasses,
    pixels: s.total,
    ignoredPixels: cm.ignoredPixels,
    abstainedPixels,
    numClasses: n,
  };
}
