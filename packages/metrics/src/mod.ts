/**
 * @module
 * Confusion matrix, pixel accuracy, per-class IoU and mIoU on typed arrays, with an ignore label,
 * plus report helpers (a metrics table, an SVG curve plot, mean and spread over runs). No tfjs.
 */

export { ConfusionMatrix } from './confusion-matrix.js';
export type { ConfusionMatrixJSON, ConfusionMatrixOptions, LabelArray } from './confusion-matrix.js';
export { pixelAccuracy } from './pixel-accuracy.js';
export { classIoU } from './class-iou.js';
export { classAccuracy } from './class-accuracy.js';
export { meanIoU } from './mean-iou.js';
export { backgroundSkippedIoU } from './background-skipped-iou.js';
export { meanClassAccuracy } from './mean-class-accuracy.js';
export { frequencyWeightedIoU } from './frequency-weighted-iou.js';
export { computeMetrics } from './compute-metrics.js';
export { meanAndSpread } from './mean-and-spread.js';
export { kernelDistance } from './kernel-distance.js';
export type { KernelDistance, KernelDistanceOptions } from './kernel-distance.js';
export { formatMetricsTable } from './format-metrics-table.js';
export type { FormatMetricsTableOptions, MetricsTableRow } from './format-metrics-table.js';
export { plotCurveSvg } from './plot-curve-svg.js';
export type { CurvePoint, CurveSeries, PlotCurveOptions } from './plot-curve-svg.js';
export { MetricsError } from './metrics-error.js';
export type { MetricsErrorDetails } from './metrics-error.js';
export { LengthMismatchError } from './length-mismatch-error.js';
export { LabelOutOfRangeError } from './label-out-of-range-error.js';
export type { ClassMetrics, MeanOverClasses, MetricsSummary, Spread } from './types.js';
