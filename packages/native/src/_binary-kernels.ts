import * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heapKernel, _single } from './_heap-kernel.js';
import type { _NativeImpl } from './_native-impl.js';

const OP = { Add: 0, Sub: 1, Multiply: 2, Copy: 3 } as const;

/** Under this many output elements wasm's own loop is as fast as the call into the addon. */
const _BINARY_MIN = 4096;

/**
 * The broadcast of shapes `a` and `b` as csrc/binary.cc takes it: output dims of size 1 dropped,
 * neighbouring dims merged where both inputs run on contiguously (or both stay broadcast), and
 * each input's strides in elements, 0 on a broadcast dim. Null when the shapes do not broadcast,
 * or the result is not for the addon (more than 6 dims, under `_BINARY_MIN` elements).
 */
function _collapseBroadcast(a: readonly number[], b: readonly number[]): { out: number[]; dims: number[]; sa: number[]; sb: number[] } | null {
  let out: number[];
  try {
    out = tf.backend_util.assertAndGetBroadcastShape(a as number[], b as number[]);
  } catch {
    return null;
  }
  const R = out.length;
  const pad = (s: readonly number[]) => [...new Array<number>(R - s.length).fill(1), ...s];
  const strides = (s: number[]) => {
    const st = new Array<number>(R).fill(0);
    let acc = 1;
    for (let k = R - 1; k >= 0; k--) {
      st[k] = s[k] === 1 ? 0 : acc;
      acc *= s[k];
    }
    return st;
  };
  const pa = pad(a), pb = pad(b);
  const ta = strides(pa), tb = strides(pb);
  const dims: number[] = [], sa: number[] = [], sb: number[] = [];
  for (let k = 0; k < R; k++) {
    if (out[k] === 1) continue;
    const j = dims.length - 1;
    // dim k continues the previous one when each input's previous stride is this stride times this dim
    if (j >= 0 && sa[j] === ta[k] * out[k] && sb[j] === tb[k] * out[k]) {
      dims[j] *= out[k];
      sa[j] = ta[k];
      sb[j] = tb[k];
    } else {
      dims.push(out[k]);
      sa.push(ta[k]);
      sb.push(tb[k]);
    }
  }
  if (dims.length === 0 || dims.length > 6 || dims.reduce((p, d) => p * d, 1) < _BINARY_MIN) return null;
  return { out, dims, sa, sb };
}

/** Float32 `Add`, `Sub` or `Multiply` with broadcasting (csrc/binary.cc). */
function _binary(addon: _Addon, name: 'Add' | 'Sub' | 'Multiply'): _NativeImpl {
  return _single(
    _heapKernel(({ a, b }) => {
      if (a == null || b == null || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
      const c = _collapseBroadcast(a.shape, b.shape);
      if (c == null) return null;
      // csrc/binary.cc: op, rank, dims, a's strides, b's strides, then the offsets of a, b and the output
      return { scalars: [OP[name], c.dims.length, ...c.dims, ...c.sa, ...c.sb], inputs: [a, b], outputs: [c.out] };
    }, addon.binary),
  );
}

/**
 * Float32 `Tile` where every repeated axis has size 1 (DeepLab's image pooling tiles a 1x1 map
 * over the feature map): a broadcast copy, csrc/binary.cc's copy op. Other tilings go to wasm.
 */
function _tile(addon: _Addon): _NativeImpl {
  return _single(
    _heapKernel(({ x }, attrs) => {
      const reps = attrs.reps as number[] | undefined;
      if (x == null || x.dtype !== 'float32' || reps == null || reps.length !== x.shape.length) return null;
      if (x.shape.some((d, i) => !Number.isInteger(reps[i]) || reps[i] < 1 || (reps[i] > 1 && d !== 1))) return null;
      const out = x.shape.map((d, i) => d * reps[i]);
      const c = _collapseBroadcast(x.shape, out);
      if (c == null) return null;
      // the second input is x again, read through the same strides (the copy op ignores it)
      return { scalars: [OP.Copy, c.dims.length, ...c.dims, ...c.sa, ...c.sa], inputs: [x, x], outputs: [out] };
    }, addon.binary),
  );
}

/** Float32 `Add`, `Sub`, `Multiply` and size-1 `Tile`, by tfjs kernel name. */
export function _binaryKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    ['Add', _binary(addon, 'Add')],
    ['Sub', _binary(addon, 'Sub')],
    ['Multiply', _binary(addon, 'Multiply')],
    ['Tile', _tile(addon)],
  ];
}
