/**
 * @module
 * Which StyleGAN activations feed the decoder, how they are resized and stored, and what memory they need.
 */

export {};
