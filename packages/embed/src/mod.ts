/**
 * @module
 * Projects a real photo into StyleGAN's W+ space (latent optimisation, Image2StyleGAN), so that
 * its features can be decoded into a mask.
 */

export { embedImage } from './embed-image.js';
export type { EmbedOptions, EmbedResult, EmbedProgress, EmbeddableGenerator } from './embed-image.js';
export { learningRateRamp } from './learning-rate-ramp.js';
export type { RampOptions } from './learning-rate-ramp.js';
export { imageGradientLoss } from './image-gradient-loss.js';
export { noiseRegularization } from './noise-regularization.js';
export { normalizeNoise } from './normalize-noise.js';
export { Vgg16Features } from './vgg16-features.js';
export type { RawTensor } from './vgg16-features.js';
export { psnr } from './psnr.js';
export { readPhoto, PhotoError } from './read-photo.js';
export type { Photo } from './read-photo.js';
