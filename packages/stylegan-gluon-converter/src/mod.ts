/**
 * @module
 * Reads StyleGAN checkpoints (official pickle, MXNet Gluon .params, PyTorch zip) and writes tfjs or Gluon weights.
 */

export {};
