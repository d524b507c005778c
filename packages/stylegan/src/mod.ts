/**
 * @module
 * The StyleGAN (v1) and StyleGAN2 generators in TensorFlow.js: config, weight spec, forward pass returning image
 * and named activations, truncation, style mixing, seeded latents and noise, tfjs-layout save/load.
 */

export { createConfig } from './create-config.js';
export type { StyleGANConfig } from './create-config.js';
export { StyleGANConfigError } from './style-gan-config-error.js';
export { weightSpec } from './weight-spec.js';
export type { WeightSpecEntry } from './weight-spec.js';
/** @deprecated Import `MisshapedWeight` from `@ganseg/io`. */
export type { MisshapedWeight } from '@ganseg/io';
export { StyleGAN } from './style-gan.js';
export type { SynthesisOptions, SynthesisResult, GenerateOptions, GenerateResult } from './style-gan.js';
export { latentFromSeed } from './latent-from-seed.js';
export { defaultCutoff } from './default-cutoff.js';
export { noiseFromSeed } from './noise-from-seed.js';
export { noiseArrays } from './noise-arrays.js';
export { saveGenerator } from './save-generator.js';
export { loadGenerator } from './load-generator.js';
export { GeneratorFormatError } from './generator-format-error.js';
export { DEFAULT_TRUNCATION } from './default-truncation.js';
export { imageToBytes } from './image-to-bytes.js';
export { activationShapes } from './activation-shapes.js';
export { generatorToTransfer } from './generator-to-transfer.js';
export type { GeneratorTransfer } from './generator-to-transfer.js';
export { generatorFromTransfer } from './generator-from-transfer.js';
export { stageChannels } from './stage-channels.js';
export { blur2d } from './blur-2d.js';
export type { ChannelConfig } from './stage-channels.js';
