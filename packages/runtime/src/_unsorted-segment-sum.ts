import * as tf from '@tensorflow/tfjs-core';
import { KernelAttributeError } from './kernel-attribute-error.js';

/**
 * `unsortedSegmentSum(x, segmentIds, numSegments)` (the gradient of `gather`) as one wasm
 * `scatterND`, which adds rows that share an index. Ids must lie in `[0, numSegments)`.
 */
export function _unsortedSegmentSum(x: tf.Tensor, segmentIds: tf.Tensor, numSegments: number): tf.Tensor {
  const ids = segmentIds.dataSync();
  for (let i = 0; i < ids.length; i++) {
    if (!(ids[i] >= 0 && ids[i] < numSegments)) {
      throw new KernelAttributeError('UnsortedSegmentSum', 'segmentIds', `values in [0, ${numSegments})`, `${ids[i]} at position ${i}`);
    }
  }
  return tf.tidy(() => {
    const rest = x.shape.slice(segmentIds.rank);
    const rows = tf.reshape(x, [segmentIds.size, ...rest]);
    const idx = tf.reshape(segmentIds.dtype === 'int32' ? segmentIds : tf.cast(segmentIds, 'int32'), [segmentIds.size, 1]);
    return tf.scatterND(idx, rows, [numSegments, ...rest]);
  });
}
