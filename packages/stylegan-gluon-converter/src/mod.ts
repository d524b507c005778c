/**
 * @module
 * Reads StyleGAN checkpoints (official pickle, MXNet Gluon .params) through
 * `@ganseg/checkpoint-readers`, maps them strictly onto the canonical StyleGAN weight spec, and
 * writes tfjs or Gluon weights.
 */

/** @deprecated Use `MisshapedWeight` from `@ganseg/io` (its `name` was `key`). */
export type { MisshapedWeight as ShapeProblem } from '@ganseg/io';
export type { StyleGANConfig, SpecEntry, CanonicalCheckpoint } from './_types.js';
export { mergeIntoSpec } from './merge-into-spec.js';
export { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
export type { ReadStyleGANOptions } from './read-stylegan-checkpoint.js';
export { writeTfjsGenerator } from './write-tfjs-generator.js';
export { writeGluonGenerator } from './write-gluon-generator.js';
export { convertCheckpoint } from './convert-checkpoint.js';
export type { ConvertOptions, ConvertResult } from './convert-checkpoint.js';
