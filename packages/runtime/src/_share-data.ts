import type * as tf from '@tensorflow/tfjs-core';

/** The part of a tfjs backend that counts references to a data buffer (wasm, cpu and webgl have it). */
interface _RefCounting {
  incRef(dataId: object): void;
}

/**
 * A kernel output that shares `x`'s data instead of copying it, as tfjs-backend-cpu's Identity
 * and wasm's own Reshape do: the buffer's reference count goes up and it is freed with the last
 * tensor that uses it. Safe because no kernel writes into an input's buffer.
 */
export function _shareData(x: tf.TensorInfo, backend: unknown): tf.TensorInfo {
  (backend as _RefCounting).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
}
