/**
 * @module
 * DeepLabV3+ with ResNet backbones in TensorFlow.js: training, prediction, checkpoints.
 */

export { resolveDeepLabConfig } from './deeplab-config.js';
export type { Backbone, DeepLabConfig } from './deeplab-config.js';
export { DeepLabConfigError } from './deeplab-config-error.js';
export { deepLabWeightSpec } from './deeplab-weight-spec.js';
export type { WeightSpecEntry } from './deeplab-weight-spec.js';
export { DeepLab } from './deep-lab.js';
export type { ForwardOptions, BackboneFeatures } from './deep-lab.js';
export { createDeepLab } from './create-deeplab.js';
export type { CreateDeepLabOptions } from './create-deeplab.js';
export { mapTorchvisionResNet } from './map-torchvision-resnet.js';
export type { NamedArray, MappedWeight } from './map-torchvision-resnet.js';
/** @deprecated Import `WeightsMismatchError` from `@ganseg/io` (the one strict weight check's error); this re-export goes in the next release. */
export { WeightsMismatchError } from '@ganseg/io';
/** @deprecated Import `MisshapedWeight` from `@ganseg/io`. */
export type { MisshapedWeight } from '@ganseg/io';
export { saveDeepLab } from './save-deeplab.js';
export type { DeepLabModelJson } from './save-deeplab.js';
export { loadDeepLab } from './load-deeplab.js';
export { loadPretrainedBackbone } from './load-pretrained-backbone.js';
export { readSegmentationDataset } from './read-segmentation-dataset.js';
export type { SegmentationDataset, SegmentationSample } from './read-segmentation-dataset.js';
export { trainDeepLab } from './train-deeplab.js';
export type { TrainDeepLabOptions, TrainDeepLabProgress, TrainDeepLabResult } from './train-deeplab.js';
export { predictDeepLab } from './predict-deeplab.js';
export type { RgbImage, Prediction } from './predict-deeplab.js';
export { imageFeatures } from './image-features.js';
export { createTrainStep } from './create-train-step.js';
export type { TrainStep, TrainStepOptions } from './create-train-step.js';
