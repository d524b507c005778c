/**
 * @module
 * DeepLabV3+ with ResNet backbones in TensorFlow.js: training, prediction, checkpoints.
 */

export {};
