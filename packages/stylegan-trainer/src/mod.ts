/**
 * @module
 * Trains small StyleGAN (v1) generators as official StyleGAN does: the `D_basic` discriminator,
 * non-saturating logistic loss with R1, style mixing, generator EMA, checkpoints and resume.
 */

export { trainStyleGAN, TrainImagesError } from './train-style-gan.js';
export type { TrainImages, TrainProgress, TrainStyleGANOptions, TrainStyleGANResult } from './train-style-gan.js';
export { Discriminator } from './discriminator.js';
export { discriminatorConfig, discriminatorSpec } from './discriminator-spec.js';
export type { DiscriminatorConfig, DiscriminatorWeight } from './discriminator-spec.js';
export { r1Penalty } from './r1-penalty.js';
export type { R1Result } from './r1-penalty.js';
export { logisticLoss } from './logistic-losses.js';
export { emaBeta } from './ema-beta.js';
