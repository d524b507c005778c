import type * as tf from '@tensorflow/tfjs-core';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

type Info = tf.TensorInfo;

/** What one call of an addon entry takes: its scalar parameters, its inputs and its outputs' shapes. */
export interface _HeapCall {
  /** the leading parameters (sizes, flags, attributes), in the order of the entry's enum */
  scalars: number[];
  /** the input tensors whose heap offsets follow the scalars, in the entry's order */
  inputs: Info[];
  /** the shapes of the float32 outputs, made by the backend; their offsets come last */
  outputs: number[][];
}

/**
 * A native kernel over one addon entry that takes `(heap, params)`: `params` is the call's
 * scalars, then the heap offsets of its inputs, then those of its outputs (csrc's enum order).
 *
 * @param plan The call for these inputs and attributes, or null where the kernel does not apply
 *   (the kernel registered before it runs).
 * @param run The addon entry.
 * @returns The kernel body, which returns the outputs.
 */
export function _heapKernel(plan: (inputs: Record<string, Info>, attrs: Record<string, unknown>) => _HeapCall | null, run: (heap: ArrayBuffer, params: Float64Array) => void): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const call = plan(inputs as Record<string, Info>, attrs ?? {});
    if (call == null) return null;
    const b = backend as unknown as _WasmBackend;
    const outs = call.outputs.map((shape) => b.makeOutput(shape, 'float32'));
    // the heap is read after every makeOutput (an allocation can grow it)
    const params = new Float64Array([...call.scalars, ...[...call.inputs, ...outs].map((t) => _offset(b, t))]);
    run(_heap(b), params);
    return outs;
  };
}

/** A one-output kernel: the output of `k` alone (an array would make the op return an array). */
export function _single(k: _NativeImpl): _NativeImpl {
  return (args) => {
    const out = k(args);
    return out == null ? null : (out as Info[])[0];
  };
}
