/**
 * @module
 * The StyleGAN (v1) generator in TensorFlow.js: config, weight spec, forward pass returning image and named activations.
 */

export {};
