import * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heapKernel } from './_heap-kernel.js';
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

// csrc/batch-norm.cc's enums F (forward) and B (backward): sizes and attributes, inputs, outputs
function _bnForward(addon: _Addon): _NativeImpl {
  return _heapKernel(({ x, gamma, beta }, a) => {
    const pc = _channels(x);
    if (pc == null) return null;
    const c = pc[1];
    return { scalars: [...pc, Number(a.epsilon), Number(a.act), Number(a.alpha ?? 0)], inputs: [x, gamma, beta], outputs: [x.shape.slice(), [c], [c]] };
  }, (heap, params) => addon.batchNormForward(heap, params));
}

function _bnBackward(addon: _Addon): _NativeImpl {
  return _heapKernel(({ x, gamma, beta, mean, variance, y, dy }, a) => {
    const pc = _channels(x);
    if (pc == null) return null;
    const c = pc[1];
    return { scalars: [...pc, Number(a.epsilon), Number(a.act), Number(a.alpha ?? 0)], inputs: [x, gamma, beta, mean, variance, y, dy], outputs: [x.shape.slice(), [c], [c]] };
  }, (heap, params) => addon.batchNormBackward(heap, params));
}

/** The batch-norm kernels, by name. */
export function _batchNormKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    [_BN_KERNEL, _bnForward(addon)],
    [_BN_GRAD_KERNEL, _bnBackward(addon)],
  ];
}
