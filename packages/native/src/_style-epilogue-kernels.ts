import type * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _heapKernel } from './_heap-kernel.js';
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

// csrc/style-epilogue.cc's enums F (forward) and B (backward): sizes and attributes, inputs, outputs
function _forward(addon: _Addon): _NativeImpl {
  return _heapKernel(({ y, noise, noiseWeight, scale, shift }, a) => {
    const d = _dims(y, noise);
    if (d == null) return null;
    const [n, hw, c, batched] = d;
    return {
      scalars: [n, hw, c, batched ? 1 : 0, Number(a.alpha), Number(a.epsilon)],
      inputs: [y, noise, noiseWeight, scale, shift],
      outputs: [y.shape.slice(), y.shape.slice(), [n, c], [n, c]], // out, v, mean, rstd
    };
  }, (heap, params) => addon.styleEpilogueForward(heap, params));
}

function _backward(addon: _Addon): _NativeImpl {
  return _heapKernel(({ dout, v, mean, rstd, scale, noise, noiseWeight }, a) => {
    const d = _dims(v, noise);
    if (d == null) return null;
    const [n, hw, c, batched] = d;
    return {
      scalars: [n, hw, c, batched ? 1 : 0, Number(a.alpha)],
      inputs: [dout, v, mean, rstd, scale, noise, noiseWeight],
      outputs: [v.shape.slice(), noise.shape.slice(), noiseWeight.shape.slice(), [n, c], [n, c]], // dy, dnoise, dnw, dscale, dshift
    };
  }, (heap, params) => addon.styleEpilogueBackward(heap, params));
}

/** The style-epilogue kernels, by name. */
export function _styleEpilogueKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    [_SE_KERNEL, _forward(addon)],
    [_SE_GRAD_KERNEL, _backward(addon)],
  ];
}
