import * as tf from '@tensorflow/tfjs-core';
import type { DeepLab } from './deep-lab.js';
import type { MappedWeight } from './map-torchvision-resnet.js';

/** Copies `weights` (this package's names and layout, shapes already checked) into the model's variables. */
export function _assignWeights(model: DeepLab, weights: Map<string, MappedWeight>): void {
  for (const [name, w] of weights) {
    const v = model.weights.get(name);
    if (!v) throw new Error(`_assignWeights: no variable ${name}`);
    tf.tidy(() => v.assign(tf.tensor(w.data, w.shape)));
  }
}
