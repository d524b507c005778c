import * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

type Info = tf.TensorInfo;

function _box(addon: _Addon, b: _WasmBackend, x: Info, begin: number[], size: number[]): Info {
  const out = b.makeOutput(size.slice(), 'float32');
  if (size.some((d) => d === 0)) return out;
  // csrc/slice.cc: rank, dims, begins, sizes, offsets
  const params = new Float64Array([x.shape.length, ...x.shape, ...begin, ...size, _offset(b, x), _offset(b, out)]);
  addon.slice(_heap(b), params);
  return out;
}

function _slice(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { x } = inputs as Record<string, Info>;
    const a = attrs ?? {};
    if (x.dtype !== 'float32' || x.shape.length < 1 || x.shape.length > 6) return null;
    let begin: number[];
    let size: number[];
    try {
      [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, a.begin as number[], a.size as number[]);
      tf.slice_util.assertParamsValid(x as tf.Tensor, begin, size);
    } catch {
      return null; // the previous kernel raises tfjs's own error
    }
    return _box(addon, backend as unknown as _WasmBackend, x, begin, size);
  };
}

function _splitV(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { x } = inputs as Record<string, Info>;
    const a = attrs ?? {};
    if (x.dtype !== 'float32' || x.shape.length < 1 || x.shape.length > 6) return null;
    const axis = tf.util.parseAxisParam(a.axis as number, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, a.numOrSizeSplits as number | number[], axis);
    const begin = new Array(x.shape.length).fill(0);
    const b = backend as unknown as _WasmBackend;
    return sizes.map((s) => {
      const sz = x.shape.slice();
      sz[axis] = s;
      const out = _box(addon, b, x, begin.slice(), sz);
      begin[axis] += s;
      return out;
    });
  };
}

/** The slicing kernels, by tfjs kernel name. */
export function _sliceKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    ['Slice', _slice(addon)],
    ['SplitV', _splitV(addon)],
  ];
}
