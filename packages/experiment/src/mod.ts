/**
 * @module
 * The paper's comparison as a library, for any domain: `runExperiment` trains the method (a
 * decoder on annotated generated images, a synthetic dataset, DeepLabV3+ on it) and the supervised
 * baseline (DeepLabV3+ on the same number of real images) over annotation counts and seeds,
 * `evaluateDeepLab` / `evaluateDecoder` measure them, and `writeReport` writes report.md,
 * metrics.json, curve.svg and sample grids.
 */

export { readExperimentConfig, ExperimentConfigError } from './experiment-config.js';
export type { ExperimentConfig, ExperimentDeepLabOptions, ExperimentDecoderOptions, ExperimentMethod } from './experiment-config.js';
export { runExperiment } from './run-experiment.js';
export type { ExperimentRun, ExperimentResult, ExperimentLog, RunExperimentOptions } from './run-experiment.js';
export { writeReport } from './write-report.js';
export type { ReportFiles } from './write-report.js';
export { evaluateDeepLab } from './evaluate-deeplab.js';
export type { DeepLabEvaluation } from './evaluate-deeplab.js';
export { evaluateDecoder } from './evaluate-decoder.js';
export { colorizeMask } from './colorize-mask.js';
export type { ClassColor } from './colorize-mask.js';
export { gridPng } from './grid-png.js';
export type { Tile } from './grid-png.js';
