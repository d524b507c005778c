import type * as tf from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's BackendWasm the native kernels use (public in 4.22). */
export interface _WasmBackend {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  refCount(dataId: object): number;
}

/** The byte offset of a tensor's data in the wasm heap. */
export function _offset(backend: _WasmBackend, t: tf.TensorInfo): number {
  const d = backend.dataIdMap.get(t.dataId);
  if (d == null) throw new Error('ganseg native: a tensor is not on the wasm backend');
  return d.memoryOffset;
}

/**
 * The heap as it is now. Read it after every `makeOutput` of the call: an allocation can grow
 * the heap and detach an older buffer.
 */
export function _heap(backend: _WasmBackend): ArrayBuffer {
  return backend.wasm.HEAPU8.buffer as ArrayBuffer;
}

/** The heap offset of a float32 tensor on this backend, or null (another dtype or backend). */
export function _floatOffset(backend: _WasmBackend, t: tf.TensorInfo): number | null {
  if (t.dtype !== 'float32') return null;
  return backend.dataIdMap.get(t.dataId)?.memoryOffset ?? null;
}

/**
 * The heap offset of a float32 tensor that alone holds its buffer (reference count 1), so a
 * kernel may write it in place; null when it is not on this backend or another tensor shares it
 * (a clone, a reshape, a variable made from it).
 */
export function _ownedOffset(backend: _WasmBackend, t: tf.TensorInfo): number | null {
  const off = _floatOffset(backend, t);
  return off == null || backend.refCount(t.dataId) !== 1 ? null : off;
}
