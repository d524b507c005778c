import type * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

/** Kernel name of the fused Adam step (ganseg's own; {@link FusedAdamOptimizer} calls it). */
export const _ADAM_KERNEL = 'GansegAdam';

/** Attributes of the Adam kernel: the coefficients of one step, as float64 (cast to float32 in C++). */
export interface _AdamAttrs {
  b1: number;
  oneMinusB1: number;
  b2: number;
  oneMinusB2: number;
  /** 1 - beta1^t and 1 - beta2^t, as the optimizer's float32 variables give them. */
  c1: number;
  c2: number;
  eps: number;
  negLr: number;
}

function _adam(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { w, m, v, g } = inputs as Record<string, tf.TensorInfo>;
    if ([w, m, v, g].some((t) => t.dtype !== 'float32')) return null;
    const n = w.shape.reduce((p, d) => p * d, 1);
    if ([m, v, g].some((t) => t.shape.reduce((p, d) => p * d, 1) !== n)) return null;
    const a = attrs as unknown as _AdamAttrs;
    const b = backend as unknown as _WasmBackend;
    const outs = [w, m, v].map(() => b.makeOutput(w.shape.slice(), 'float32'));
    if (n === 0) return outs;
    // csrc/adam.cc's enum P
    const params = new Float64Array([
      n, a.b1, a.oneMinusB1, a.b2, a.oneMinusB2, a.c1, a.c2, a.eps, a.negLr,
      _offset(b, w), _offset(b, m), _offset(b, v), _offset(b, g), ...outs.map((o) => _offset(b, o)),
    ]);
    addon.adam(_heap(b), params);
    return outs;
  };
}

/** The Adam kernel, by name. */
export function _adamKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [[_ADAM_KERNEL, _adam(addon)]];
}
