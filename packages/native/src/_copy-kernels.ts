import * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heapKernel, _single } from './_heap-kernel.js';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

type Info = tf.TensorInfo;
const _size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Concat of float32 tensors along any axis: a block copy a row of the axes before it. */
function _concat(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const all = Object.values(inputs as Record<string, Info>);
    if (all.length < 2 || all.some((t) => t.dtype !== 'float32')) return null;
    let axis: number;
    let outShape: number[];
    try {
      axis = tf.util.parseAxisParam((attrs ?? {}).axis as number, all[0].shape)[0];
      const shapes = all.map((t) => t.shape);
      tf.backend_util.assertParamsConsistent(shapes, axis);
      outShape = tf.backend_util.computeOutShape(shapes, axis);
    } catch {
      return null; // the previous kernel raises tfjs's own error
    }
    const parts = all.filter((t) => _size(t.shape) > 0);
    if (parts.length < 2) return null; // wasm's identity
    const b = backend as unknown as _WasmBackend;
    const out = b.makeOutput(outShape, 'float32');
    const outer = _size(outShape.slice(0, axis));
    // csrc/copy.cc concat: outer, k, inner sizes, input offsets, output offset
    const params = new Float64Array([outer, parts.length, ...parts.map((t) => _size(t.shape.slice(axis))), ...parts.map((t) => _offset(b, t)), _offset(b, out)]);
    addon.concat(_heap(b), params);
    return out;
  };
}

/** Transpose of a float32 tensor of rank 2 to 6 (a oneDNN reorder). */
function _transpose(addon: _Addon): _NativeImpl {
  return _single(
    _heapKernel(({ x }, a) => {
      const perm = a.perm as number[] | undefined;
      const r = x?.shape.length ?? 0;
      if (x == null || x.dtype !== 'float32' || r < 2 || r > 6 || perm == null || perm.length !== r || _size(x.shape) === 0) return null;
      if (perm.every((p, i) => p === i)) return null;
      if (new Set(perm).size !== r || perm.some((p) => !Number.isInteger(p) || p < 0 || p >= r)) return null;
      return { scalars: [r, ...x.shape, ...perm], inputs: [x], outputs: [perm.map((p) => x.shape[p])] };
    }, addon.transpose),
  );
}

/** Reverse of a float32 tensor of rank 1 to 6 along any axes. */
function _reverse(addon: _Addon): _NativeImpl {
  return _single(
    _heapKernel(({ x }, a) => {
      const r = x?.shape.length ?? 0;
      if (x == null || x.dtype !== 'float32' || r < 1 || r > 6 || _size(x.shape) === 0) return null;
      let axes: number[];
      try {
        axes = tf.util.parseAxisParam(a.dims as number | number[], x.shape);
      } catch {
        return null;
      }
      const flags = x.shape.map((d, i) => (axes.includes(i) && d > 1 ? 1 : 0));
      return { scalars: [r, ...x.shape, ...flags], inputs: [x], outputs: [x.shape.slice()] };
    }, addon.reverse),
  );
}

/** Constant `PadV2` of a float32 tensor of rank 1 to 6: a fill, then block copies. */
function _pad(addon: _Addon): _NativeImpl {
  return _single(
    _heapKernel(({ x }, a) => {
      const r = x?.shape.length ?? 0;
      const paddings = a.paddings as Array<[number, number]> | undefined;
      if (x == null || x.dtype !== 'float32' || r < 1 || r > 6 || paddings == null || paddings.length !== r || _size(x.shape) === 0) return null;
      if (paddings.some((p) => p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))) return null;
      const out = x.shape.map((d, i) => paddings[i][0] + d + paddings[i][1]);
      // csrc/copy.cc pad: rank, dims, pads before, output dims, value, then the offsets of x and y
      return { scalars: [r, ...x.shape, ...paddings.map((p) => p[0]), ...out, Number(a.constantValue ?? 0)], inputs: [x], outputs: [out] };
    }, addon.pad),
  );
}

/** The data-movement kernels (float32 `Concat`, `Transpose`, `Reverse`, constant `PadV2`), by tfjs kernel name. */
export function _copyKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    ['Concat', _concat(addon)],
    ['Transpose', _transpose(addon)],
    ['Reverse', _reverse(addon)],
    ['PadV2', _pad(addon)],
  ];
}
