import type * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

/** Kernel name of the fused SGD-momentum step (ganseg's own). */
export const _SGD_KERNEL = 'GansegSgdMomentum';

function _sgd(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { w, m, g } = inputs as Record<string, tf.TensorInfo>;
    if (w.dtype !== 'float32' || m.dtype !== 'float32' || g.dtype !== 'float32') return null;
    const n = w.shape.reduce((a, b) => a * b, 1);
    const a = attrs ?? {};
    const b = backend as unknown as _WasmBackend;
    const wOut = b.makeOutput(w.shape.slice(), 'float32');
    const mOut = b.makeOutput(w.shape.slice(), 'float32');
    if (n === 0) return [wOut, mOut];
    // csrc/sgd-momentum.cc's enum P
    const params = new Float64Array([n, Number(a.lr), Number(a.momentum), Number(a.wd), _offset(b, w), _offset(b, m), _offset(b, g), _offset(b, wOut), _offset(b, mOut)]);
    addon.sgdMomentum(_heap(b), params);
    return [wOut, mOut];
  };
}

/** The optimizer kernels, by name. */
export function _optimizerKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [[_SGD_KERNEL, _sgd(addon)]];
}
