/**
 * @module
 * The light decoder of "Teaching GAN to generate per-pixel annotation" and a per-pixel MLP
 * ensemble (training, prediction, uncertainty), and the annotation workspace they learn from.
 */

export type { ClassInfo, ClassesFile } from './class-info.js';
export { DEFAULT_CLASSES, IGNORE_INDEX } from './default-classes.js';
export { makeClasses } from './make-classes.js';
export { loadClasses } from './load-classes.js';
export type { SampleMeta } from './sample-meta.js';
export { hashGenerator } from './hash-generator.js';
export { regenerateFeatures } from './regenerate-features.js';
export { sampleWorkspace } from './sample-workspace.js';
export type { SampleWorkspaceOptions } from './sample-workspace.js';
export { loadMask } from './load-mask.js';
export type { LoadMaskOptions, LoadedMask, MaskFormat } from './load-mask.js';
export { loadAnnotations } from './load-annotations.js';
export type { AnnotatedSample, Annotations, LoadAnnotationsOptions } from './load-annotations.js';
export { MaskError } from './mask-error.js';
export { WorkspaceError } from './workspace-error.js';
export { DecoderError } from './decoder-error.js';
export type { DecoderConfig, DecoderLevel } from './decoder-config.js';
export { Decoder } from './decoder.js';
export { trainDecoder } from './train-decoder.js';
export type { TrainDecoderOptions, TrainLog, TrainProgress } from './train-decoder.js';
export { predictMask } from './predict-mask.js';
export type { MaskPrediction, PredictMaskOptions } from './predict-mask.js';
export { saveDecoder } from './save-decoder.js';
export type { DecoderModelJson, SaveDecoderOptions } from './save-decoder.js';
export { loadDecoder } from './load-decoder.js';
