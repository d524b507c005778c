/**
 * @module
 * Reads StyleGAN checkpoints (official pickle, MXNet Gluon .params) and PyTorch `.pth` state dicts
 * through a safe unpickler, maps them strictly onto the canonical StyleGAN weight spec, and writes
 * tfjs or Gluon weights.
 */

export { CheckpointError } from './checkpoint-error.js';
export type { CheckpointErrorKind } from './checkpoint-error.js';
export { WeightMergeError } from './weight-merge-error.js';
export type { ShapeProblem } from './weight-merge-error.js';
export type { WeightArray, StyleGANConfig, SpecEntry, CanonicalCheckpoint } from './_types.js';
export { unpickle } from './unpickle.js';
export type { UnpickleOptions, UnpickleResult } from './unpickle.js';
export { readZip } from './read-zip.js';
export { readTorchCheckpoint } from './read-torch-checkpoint.js';
export type { ReadTorchOptions } from './read-torch-checkpoint.js';
export { readMxnetParams } from './read-mxnet-params.js';
export { encodeMxnetParams } from './encode-mxnet-params.js';
export { detectCheckpointFormat } from './detect-checkpoint-format.js';
export type { CheckpointFormat } from './detect-checkpoint-format.js';
export { mergeIntoSpec } from './merge-into-spec.js';
export { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
export type { ReadStyleGANOptions } from './read-stylegan-checkpoint.js';
export { writeTfjsGenerator } from './write-tfjs-generator.js';
export { writeGluonGenerator } from './write-gluon-generator.js';
export { convertCheckpoint } from './convert-checkpoint.js';
export type { ConvertOptions, ConvertResult } from './convert-checkpoint.js';
