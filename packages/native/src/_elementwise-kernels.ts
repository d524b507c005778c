import type * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heapKernel, _single } from './_heap-kernel.js';
import type { _NativeImpl } from './_native-impl.js';

const KIND = { LeakyRelu: 0, Step: 1, Exp: 2 } as const;

/** The kernel of {@link leakyReluGrad}: inputs `dy` and `x`, attribute `alpha`. */
export const _LEAKY_GRAD_KERNEL = 'GansegLeakyReluGrad';

/** Under this many elements wasm's own loop is as fast as the call into the addon (Exp only: wasm's LeakyRelu and Step are slow at every size). */
const _EXP_MIN = 4096;

/** A float32 elementwise kernel with at most one scalar attribute, `alpha`. */
function _elementwise(addon: _Addon, name: keyof typeof KIND): _NativeImpl {
  return _single(
    _heapKernel(({ x }, a) => {
      if (x == null || x.dtype !== 'float32') return null;
      const n = x.shape.reduce((p, d) => p * d, 1);
      if (n === 0 || (name === 'Exp' && n < _EXP_MIN)) return null;
      // csrc/elementwise.cc: kind, count, alpha, then the offsets of x and y
      return { scalars: [KIND[name], n, Number(a.alpha ?? (name === 'Step' ? 0 : 0.2))], inputs: [x as tf.TensorInfo], outputs: [x.shape.slice()] };
    }, addon.elementwise),
  );
}

/** `dy * step(x, alpha)` in one pass (csrc/elementwise.cc kind 3). */
function _leakyGrad(addon: _Addon): _NativeImpl {
  return _single(
    _heapKernel(({ dy, x }, a) => {
      if (dy == null || x == null || dy.dtype !== 'float32' || x.dtype !== 'float32' || dy.shape.join(',') !== x.shape.join(',')) return null;
      const n = x.shape.reduce((p, d) => p * d, 1);
      if (n === 0) return null;
      return { scalars: [3, n, Number(a.alpha ?? 0.2)], inputs: [dy as tf.TensorInfo, x as tf.TensorInfo], outputs: [x.shape.slice()] };
    }, addon.elementwise),
  );
}

/** Float32 `LeakyRelu`, `Step`, `Exp` and the leaky ReLU's gradient, by tfjs kernel name. */
export function _elementwiseKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    ['LeakyRelu', _elementwise(addon, 'LeakyRelu')],
    ['Step', _elementwise(addon, 'Step')],
    ['Exp', _elementwise(addon, 'Exp')],
    [_LEAKY_GRAD_KERNEL, _leakyGrad(addon)],
  ];
}
