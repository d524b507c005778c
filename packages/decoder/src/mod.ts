/**
 * @module
 * The light decoder of "Teaching GAN to generate per-pixel annotation" and a per-pixel MLP
 * ensemble (training, prediction, uncertainty); it learns from the annotation workspace of
 * `@ganseg/formats`.
 */

export { hashGenerator } from './hash-generator.js';
export { regenerateFeatures } from './regenerate-features.js';
export { sampleWorkspace } from './sample-workspace.js';
export type { SampleWorkspaceOptions } from './sample-workspace.js';
export { DecoderError } from './decoder-error.js';
export type { DecoderConfig, DecoderLevel } from './decoder-config.js';
export { Decoder } from './decoder.js';
export { trainDecoder } from './train-decoder.js';
export type { TrainDecoderOptions, TrainLog, TrainProgress } from './train-decoder.js';
export { predictMask } from './predict-mask.js';
export { renderSample } from './render-sample.js';
export type { RenderedSample } from './render-sample.js';
export { sampleMetaFromSeed } from './sample-meta-from-seed.js';
export type { SampleMetaOptions } from './sample-meta-from-seed.js';
export type { MaskPrediction, PredictMaskOptions } from './predict-mask.js';
export { saveDecoder } from './save-decoder.js';
export type { DecoderModelJson, SaveDecoderOptions } from './save-decoder.js';
export { loadDecoder } from './load-decoder.js';
