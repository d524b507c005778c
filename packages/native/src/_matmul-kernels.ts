import * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _activationCode } from './_activation.js';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

type Info = tf.TensorInfo;

/** BatchMatMul and _FusedMatMul: batches equal, or one operand's batch of 1 broadcast. */
function _matmul(addon: _Addon, fused: boolean): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { a, b, bias, preluActivationWeights } = inputs as Record<string, Info | undefined>;
    const at = attrs ?? {};
    if (a == null || b == null || a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return null;
    if (bias != null && bias.dtype !== 'float32') return null;
    const act = fused ? _activationCode(at.activation) : 0;
    if (act == null || preluActivationWeights != null) return null;
    const ta = !!at.transposeA;
    const tb = !!at.transposeB;
    const ra = a.shape.length;
    const rb = b.shape.length;
    const m = ta ? a.shape[ra - 1] : a.shape[ra - 2];
    const k = ta ? a.shape[ra - 2] : a.shape[ra - 1];
    const k2 = tb ? b.shape[rb - 1] : b.shape[rb - 2];
    const n = tb ? b.shape[rb - 2] : b.shape[rb - 1];
    if (k !== k2 || m === 0 || n === 0 || k === 0) return null;
    const batchA = a.shape.slice(0, -2);
    const batchB = b.shape.slice(0, -2);
    const ba = tf.util.sizeFromShape(batchA);
    const bb = tf.util.sizeFromShape(batchB);
    // Equal batches, or one side's batch of 1 broadcast; anything else: the previous kernel.
    if (ba !== bb && ba !== 1 && bb !== 1) return null;
    if (ba === bb && ba !== 1 && (batchA.length !== batchB.length || batchA.some((d, i) => d !== batchB[i]))) return null;
    const batch = tf.broadcast_util.assertAndGetBroadcastShape(batchA, batchB);
    if (bias != null && tf.util.sizeFromShape(bias.shape) !== n) return null;
    const be = backend as unknown as _WasmBackend;
    const out = be.makeOutput([...batch, m, n], 'float32');
    // csrc/matmul.cc's enum P
    const params = new Float64Array([ba, bb, m, k, n, ta ? 1 : 0, tb ? 1 : 0, act, bias ? 1 : 0, Number(at.leakyreluAlpha ?? 0.2), _offset(be, a), _offset(be, b), bias ? _offset(be, bias) : -1, _offset(be, out)]);
    addon.matmul(_heap(be), params);
    return out;
  };
}

/** The matMul kernels, by tfjs kernel name. */
export function _matmulKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    ['BatchMatMul', _matmul(addon, false)],
    ['_FusedMatMul', _matmul(addon, true)],
  ];
}
