import * as tf from '@tensorflow/tfjs-core';

/** Tiny generator config for tests. */
export const _TINY = { resolution: 8, latentSize: 16, dlatentSize: 16, mappingLayers: 2, mappingFmaps: 16, fmapBase: 32, fmapMax: 16 };

/** Data of a tensor. */
export function _data(t: tf.Tensor): Float32Array {
  return t.dataSync() as Float32Array;
}
