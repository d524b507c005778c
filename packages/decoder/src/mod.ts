/**
 * @module
 * The light decoder of "Teaching GAN to generate per-pixel annotation" and a per-pixel MLP ensemble: training and prediction.
 */

export {};
