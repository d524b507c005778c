import * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

type Info = tf.TensorInfo;

/** Kernel names of the training batch norm (ganseg's own: tfjs has no fused training BN). */
export const _BN_KERNEL = 'GansegBatchNormTrain';
export const _BN_GRAD_KERNEL = 'GansegBatchNormTrainGrad';

/** Activation codes the batch-norm kernels take (csrc/common.h). */
export const _BN_ACT = { linear: 0, relu: 1, leakyrelu: 4 } as const;

function _channels(x: Info): [number, number] | null {
  if (x.dtype !== 'float32' || x.shape.length < 2) return null;
  const c = x.shape[x.shape.length - 1];
  const p = tf.util.sizeFromShape(x.shape) / c;
  return c > 0 && p > 0 ? [p, c] : null;
}

function _bnForward(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { x, gamma, beta } = inputs as Record<string, Info>;
    const pc = _channels(x);
    if (pc == null) return null;
    const [p, c] = pc;
    const a = attrs ?? {};
    const b = backend as unknown as _WasmBackend;
    const y = b.makeOutput(x.shape.slice(), 'float32');
    const mean = b.makeOutput([c], 'float32');
    const variance = b.makeOutput([c], 'float32');
    // csrc/batch-norm.cc's enum F
    const params = new Float64Array([p, c, Number(a.epsilon), Number(a.act), Number(a.alpha ?? 0), _offset(b, x), _offset(b, gamma), _offset(b, beta), _offset(b, y), _offset(b, mean), _offset(b, variance)]);
    addon.batchNormForward(_heap(b), params);
    return [y, mean, variance];
  };
}

function _bnBackward(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { x, gamma, beta, mean, variance, y, dy } = inputs as Record<string, Info>;
    const pc = _channels(x);
    if (pc == null) return null;
    const [p, c] = pc;
    const a = attrs ?? {};
    const b = backend as unknown as _WasmBackend;
    const dx = b.makeOutput(x.shape.slice(), 'float32');
    const dgamma = b.makeOutput([c], 'float32');
    const dbeta = b.makeOutput([c], 'float32');
    // csrc/batch-norm.cc's enum B
    const params = new Float64Array([
      p, c, Number(a.epsilon), Number(a.act), Number(a.alpha ?? 0),
      _offset(b, x), _offset(b, gamma), _offset(b, beta), _offset(b, mean), _offset(b, variance), _offset(b, y), _offset(b, dy), _offset(b, dx), _offset(b, dgamma), _offset(b, dbeta),
    ]);
    addon.batchNormBackward(_heap(b), params);
    return [dx, dgamma, dbeta];
  };
}

/** The batch-norm kernels, by name. */
export function _batchNormKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    [_BN_KERNEL, _bnForward(addon)],
    [_BN_GRAD_KERNEL, _bnBackward(addon)],
  ];
}
