import * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heapKernel, _single } from './_heap-kernel.js';
import type { _NativeImpl } from './_native-impl.js';


/**
 * The reduction as [outer, mid, inner] (reduced over mid) when its axes form one run once the
 * axes of size 1 are set aside, else null (the previous kernel). Also the output shape.
 */
export function _reducePlan(shape: readonly number[], axis: unknown, keepDims: boolean): { outer: number; mid: number; inner: number; out: number[] } | null {
  let axes: number[];
  try {
    axes = tf.util.parseAxisParam((axis ?? null) as number | number[], shape as number[]);
  } catch {
    return null;
  }
  const set = new Set(axes);
  if (set.size === 0 || shape.some((d) => d === 0)) return null;
  const big = [...set].filter((a) => shape[a] > 1).sort((a, b) => a - b);
  let outer = 1;
  let mid = 1;
  let inner = 1;
  if (big.length > 0) {
    const [first, last] = [big[0], big[big.length - 1]];
    // a kept axis inside the run must be of size 1
    for (let d = first; d <= last; d++) if (!set.has(d) && shape[d] > 1) return null;
    for (let d = 0; d < shape.length; d++) {
      if (d < first) outer *= shape[d];
      else if (d > last) inner *= shape[d];
      else mid *= shape[d];
    }
  } else {
    outer = shape.reduce((a, b) => a * b, 1);
  }
  const out = keepDims ? shape.map((d, i) => (set.has(i) ? 1 : d)) : shape.filter((_, i) => !set.has(i));
  return { outer, mid, inner, out };
}

function _reduce(addon: _Addon, mean: boolean): _NativeImpl {
  return _single(
    _heapKernel(({ x }, a) => {
    if (x == null || x.dtype !== 'float32') return null;
    const p = _reducePlan(x.shape, a.axis, a.keepDims === true);
    if (p == null) return null;
    // csrc/reduce.cc: outer, mid, inner, mean, then the offsets of x and y
    return { scalars: [p.outer, p.mid, p.inner, mean ? 1 : 0], inputs: [x], outputs: [p.out] };
  }, addon.reduce),
  );
}

/** Float32 `Sum` and `Mean` over one run of axes, by tfjs kernel name. */
export function _reduceKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    ['Sum', _reduce(addon, false)],
    ['Mean', _reduce(addon, true)],
  ];
}
