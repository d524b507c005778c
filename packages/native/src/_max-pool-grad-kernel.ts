import * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

type Info = tf.TensorInfo;

/**
 * MaxPoolGrad (inputs dy, input, output). oneDNN gives a tie to the first maximum of the window
 * in scan order, as tfjs-backend-cpu does. Dilated pools: the previous kernel.
 */
function _maxPoolGrad(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { dy, input } = inputs as Record<string, Info | undefined>;
    const a = attrs ?? {};
    if (dy == null || input == null || dy.dtype !== 'float32' || input.dtype !== 'float32' || input.shape.length !== 4) return null;
    let info: ReturnType<typeof tf.backend_util.computePool2DInfo>;
    try {
      info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], a.filterSize as number, a.strides as number, 1, a.pad as 'same', a.dimRoundingMode as 'floor' | undefined);
    } catch {
      return null;
    }
    // dy's own shape wins (tfjs's maxPool gradient drops dimRoundingMode)
    const [n, oh, ow, c] = dy.shape;
    const [, ih, iw] = input.shape;
    const p = info.padInfo;
    // the end padding that reaches oh rows (0 when the last rows are never read: 'valid' pools)
    const bottom = Math.max(0, (oh - 1) * info.strideHeight + info.filterHeight - ih - p.top);
    const right = Math.max(0, (ow - 1) * info.strideWidth + info.filterWidth - iw - p.left);
    if (p.top < 0 || p.left < 0 || c !== input.shape[3] || n !== input.shape[0]) return null;
    if (Math.floor((ih + p.top + bottom - info.filterHeight) / info.strideHeight) + 1 !== oh) return null;
    if (Math.floor((iw + p.left + right - info.filterWidth) / info.strideWidth) + 1 !== ow) return null;
    if (p.top >= info.filterHeight || p.left >= info.filterWidth || bottom >= info.filterHeight || right >= info.filterWidth) return null; // windows of padding only
    const b = backend as unknown as _WasmBackend;
    const dx = b.makeOutput(input.shape.slice(), 'float32');
    // csrc/max-pool-grad.cc's enum P
    const params = new Float64Array([n, ih, iw, c, oh, ow, info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, p.top, p.left, bottom, right, _offset(b, input), _offset(b, dy), _offset(b, dx)]);
    addon.maxPoolGrad(_heap(b), params);
    return dx;
  };
}

/** The pooling kernels, by tfjs kernel name. */
export function _poolKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [['MaxPoolGrad', _maxPoolGrad(addon)]];
}
