/**
 * @module
 * Projects a real photo into StyleGAN's W+ space (latent optimisation).
 */

export {};
