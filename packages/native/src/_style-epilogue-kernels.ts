import type * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

type Info = tf.TensorInfo;

/** Kernel names of StyleGAN's layer epilogue (ganseg's own). */
export const _SE_KERNEL = 'GansegStyleEpilogue';
export const _SE_GRAD_KERNEL = 'GansegStyleEpilogueGrad';

/** [N, H*W, C] of NHWC `y`, and whether `noise` has one map per sample; null outside what the kernels cover. */
function _dims(y: Info, noise: Info): [number, number, number, boolean] | null {
  if (y.dtype !== 'float32' || noise.dtype !== 'float32' || y.shape.length !== 4 || noise.shape.length !== 4) return null;
  const [n, h, w, c] = y.shape;
  if (noise.shape[1] !== h || noise.shape[2] !== w || noise.shape[3] !== 1 || (noise.shape[0] !== 1 && noise.shape[0] !== n)) return null;
  return [n, h * w, c, noise.shape[0] === n && n !== 1];
}

function _forward(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { y, noise, noiseWeight, scale, shift } = inputs as Record<string, Info>;
    const d = _dims(y, noise);
    if (d == null) return null;
    const [n, hw, c, batched] = d;
    const a = attrs ?? {};
    const b = backend as unknown as _WasmBackend;
    const out = b.makeOutput(y.shape.slice(), 'float32');
    const v = b.makeOutput(y.shape.slice(), 'float32');
    const mean = b.makeOutput([n, c], 'float32');
    const rstd = b.makeOutput([n, c], 'float32');
    // csrc/style-epilogue.cc's enum F
    const params = new Float64Array([
      n, hw, c, batched ? 1 : 0, Number(a.alpha), Number(a.epsilon),
      ...[y, noise, noiseWeight, scale, shift, out, v, mean, rstd].map((t) => _offset(b, t)),
    ]);
    addon.styleEpilogueForward(_heap(b), params);
    return [out, v, mean, rstd];
  };
}

function _backward(addon: _Addon): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { dout, v, mean, rstd, scale, noise, noiseWeight } = inputs as Record<string, Info>;
    const d = _dims(v, noise);
    if (d == null) return null;
    const [n, hw, c, batched] = d;
    const a = attrs ?? {};
    const b = backend as unknown as _WasmBackend;
    const dy = b.makeOutput(v.shape.slice(), 'float32');
    const dnoise = b.makeOutput(noise.shape.slice(), 'float32');
    const dnw = b.makeOutput(noiseWeight.shape.slice(), 'float32');
    const dscale = b.makeOutput([n, c], 'float32');
    const dshift = b.makeOutput([n, c], 'float32');
    // csrc/style-epilogue.cc's enum B
    const params = new Float64Array([
      n, hw, c, batched ? 1 : 0, Number(a.alpha),
      ...[dout, v, mean, rstd, scale, noise, noiseWeight, dy, dnoise, dnw, dscale, dshift].map((t) => _offset(b, t)),
    ]);
    addon.styleEpilogueBackward(_heap(b), params);
    return [dy, dnoise, dnw, dscale, dshift];
  };
}

/** The style-epilogue kernels, by name. */
export function _styleEpilogueKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    [_SE_KERNEL, _forward(addon)],
    [_SE_GRAD_KERNEL, _backward(addon)],
  ];
}
