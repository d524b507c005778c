import '@tensorflow/tfjs'; // the stock gradients must be registered before ganseg wraps two of them
import * as tf from '@tensorflow/tfjs-core';
import { _conv2dBackpropFilter, _conv2dBackpropInput } from './_conv2d-backprop.js';
import { _depthwiseBackpropFilter, _depthwiseBackpropInput } from './_depthwise-backprop.js';
import { _unsortedSegmentSum } from './_unsorted-segment-sum.js';
import { _maxPoolGrad } from './_max-pool-grad.js';
import { _resizeGrad } from './_resize-grads.js';
import type { _ConvAttrs, _Pad } from './_conv-geometry.js';
import { _shareData } from './_share-data.js';
import { isNativeKernel } from '@ganseg/native';

type Attrs = Record<string, unknown>;
type Round = 'floor' | 'round' | 'ceil' | undefined;
type Pair = number | [number, number];
type Shape4 = [number, number, number, number];

/** A conv kernel's attributes (dilations default to 1). */
function _convAttrs(a: Attrs): _ConvAttrs {
  return { strides: a.strides as Pair, pad: a.pad as _Pad, dilations: (a.dilations ?? 1) as Pair, dimRoundingMode: a.dimRoundingMode as Round, dataFormat: a.dataFormat as string | undefined };
}

/** Kernels ganseg registers for wasm, each composed of wasm kernels (no copies to another backend). */
const _KERNELS: Array<[string, (inputs: tf.NamedTensorInfoMap, attrs: Attrs) => tf.Tensor]> = [
  ['Conv2DBackpropFilter', (i, a) => _conv2dBackpropFilter(_t(i.x), _t(i.dy), a.filterShape as Shape4, _convAttrs(a))],
  // wasm ships this one, but as a scalar loop (1.5 GFLOP/s); this one runs on XNNPACK convs.
  ['Conv2DBackpropInput', (i, a) => _conv2dBackpropInput(a.inputShape as Shape4, _t(i.dy), _t(i.filter), _convAttrs(a))],
  ['DepthwiseConv2dNativeBackpropFilter', (i, a) => _depthwiseBackpropFilter(_t(i.x), _t(i.dy), a.filterShape as Shape4, _convAttrs(a))],
  ['DepthwiseConv2dNativeBackpropInput', (i, a) => _depthwiseBackpropInput(a.inputShape as Shape4, _t(i.dy), _t(i.filter), _convAttrs(a))],
  ['UnsortedSegmentSum', (i, a) => _unsortedSegmentSum(_t(i.x), _t(i.segmentIds), a.numSegments as number)],
  // The next three replace wasm kernels that give wrong answers on non-square inputs.
  [
    'MaxPoolGrad',
    (i, a) =>
      _maxPoolGrad(_t(i.dy), _t(i.input), _t(i.output), a.filterSize as Pair, a.strides as Pair, a.pad as _Pad, a.dimRoundingMode as Round),
  ],
  [
    'ResizeBilinearGrad',
    (i, a) => _resizeGrad(_t(i.dy), _t(i.images).shape as [number, number, number, number], 'bilinear', !!a.alignCorners, !!a.halfPixelCenters),
  ],
  [
    'ResizeNearestNeighborGrad',
    (i, a) => _resizeGrad(_t(i.dy), _t(i.images).shape as [number, number, number, number], 'nearest', !!a.alignCorners, !!a.halfPixelCenters),
  ],
];

/**
 * Kernels that share their input's data where wasm copies it: tfjs's engine clones every tensor it
 * saves for a gradient through Identity (1,342 copies in one StyleGAN-trainer step at 64 px), and
 * a cast to the same dtype is one more. Each returns null (the stock kernel runs) where it would
 * have to convert.
 */
const _SHARING: Array<[string, (args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }) => tf.TensorInfo | null]> = [
  ['Identity', ({ inputs, backend }) => (inputs.x == null || inputs.x.dtype === 'string' ? null : _shareData(inputs.x, backend))],
  ['Cast', ({ inputs, attrs, backend }) => (inputs.x == null || inputs.x.dtype === 'string' || inputs.x.dtype !== attrs?.dtype ? null : _shareData(inputs.x, backend))],
];

/** Gradients ganseg replaces on every backend: tfjs 4.22 refuses dilations > 1 in the convs' and sums a slice per repetition in Tile's. */
const _GRADIENTS = ['Conv2D', 'DepthwiseConv2dNative', 'Tile'];

const _NAMES = [..._KERNELS.map(([name]) => name), ..._SHARING.map(([name]) => name), ..._GRADIENTS.map((n) => `grad:${n}`)];
const _mine = new WeakSet<object>();
let _gradientsDone = false;

/** A kernel input as a Tensor (ops pass Tensors; a bare TensorInfo is wrapped, and freed by the caller's tidy). */
function _t<T extends tf.Tensor>(info: tf.TensorInfo | undefined): T {
  if (info == null) throw new Error('ganseg wasm kernel: a required input is missing');
  if (info instanceof tf.Tensor) return info as T;
  return (tf.engine() as unknown as { makeTensorFromTensorInfo(i: tf.TensorInfo): tf.Tensor }).makeTensorFromTensorInfo(info) as T;
}

function _allOne(v: unknown): boolean {
  return v == null || (Array.isArray(v) ? v.every((d) => d === 1) : v === 1);
}

/**
 * A dilated conv's gradients through the wasm kernels (ganseg's own, or @ganseg/native's oneDNN
 * ones registered over them), which honour a `dilations` attribute; tfjs's stock backprop
 * kernels on other backends do not, so those get the composed functions instead.
 */
function _viaKernels(inputKernel: string, filterKernel: string, x: tf.Tensor4D, f: tf.Tensor4D, dy: tf.Tensor4D, attrs: tf.NamedAttrMap) {
  const e = tf.engine();
  return {
    x: () => e.runKernel(inputKernel, { dy, filter: f }, { ...attrs, inputShape: x.shape }) as tf.Tensor,
    filter: () => e.runKernel(filterKernel, { x, dy }, { ...attrs, filterShape: f.shape }) as tf.Tensor,
  };
}

function _registerGradients(): void {
  if (_gradientsDone) return;
  _gradientsDone = true;
  // Tile: tfjs sums one slice per repetition (289 Slice calls for a 1x1 map tiled to 17x17, as
  // DeepLab's image pooling does); a reshape that puts each repetition on an axis of its own and
  // one sum over those axes is the same gradient.
  tf.registerGradient({
    kernelName: 'Tile',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const reps = (attrs as unknown as { reps: number[] }).reps;
      const split: number[] = [];
      x.shape.forEach((d, i) => split.push(reps[i], d));
      const axes = x.shape.map((_, i) => 2 * i);
      return { x: () => tf.sum(tf.reshape(dy as tf.Tensor, split), axes) };
    },
  });
  // Conv2D and DepthwiseConv2dNative with dilations: through the backprop kernels on wasm (the
  // ones registered below), composed from wasm-fast ops elsewhere; tfjs's own gradient otherwise.
  type Composed = (x: tf.Tensor4D, f: tf.Tensor4D, dy: tf.Tensor4D, a: _ConvAttrs) => { x: () => tf.Tensor; filter: () => tf.Tensor };
  const convGradients: Array<[string, string, string, Composed]> = [
    ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', (x, f, dy, a) => ({
      x: () => _conv2dBackpropInput(x.shape, dy, f, a),
      filter: () => _conv2dBackpropFilter(x, dy, f.shape, a),
    })],
    ['DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter', (x, f, dy, a) => ({
      x: () => _depthwiseBackpropInput(x.shape, dy, f, a),
      filter: () => _depthwiseBackpropFilter(x, dy, f.shape, a),
    })],
  ];
  for (const [kernelName, inputKernel, filterKernel, composed] of convGradients) {
    const tfjs = tf.getGradient(kernelName);
    tf.registerGradient({
      kernelName,
      inputsToSave: ['x', 'filter'],
      gradFunc: (dy, saved, attrs) => {
        if (tfjs && _allOne(attrs.dilations)) return tfjs.gradFunc(dy, saved, attrs);
        const [x, f] = saved as [tf.Tensor4D, tf.Tensor4D];
        if (tf.getBackend() === 'wasm') return _viaKernels(inputKernel, filterKernel, x, f, dy as tf.Tensor4D, attrs);
        return composed(x, f, dy as tf.Tensor4D, attrs as unknown as _ConvAttrs);
      },
    });
  }
}

/**
 * Registers, for the wasm backend, the kernels training needs that tfjs-backend-wasm 4.22 lacks
 * or runs slowly, each composed of wasm kernels (XNNPACK convs and matMuls, slices, pads), never
 * by copying tensors to another backend: `Conv2DBackpropFilter`, `Conv2DBackpropInput` (replaces
 * wasm's scalar loop; also the forward pass of conv2dTranspose), `DepthwiseConv2dNativeBackpropFilter`,
 * `DepthwiseConv2dNativeBackpropInput`, `UnsortedSegmentSum` (the gradient of gather), and
 * `MaxPoolGrad`, `ResizeBilinearGrad`, `ResizeNearestNeighborGrad` (wasm's own give wrong answers
 * on non-square images; these also honour halfPixelCenters, which tfjs's cpu kernel ignores). It also
 * widens the gradients of `Conv2D` and `DepthwiseConv2dNative` on every backend to dilations > 1
 * (tfjs refuses them; atrous convolutions need them), listed as `grad:Conv2D` and
 * `grad:DepthwiseConv2dNative`, and gives `Tile` a one-sum gradient (`grad:Tile`). Safe to call more than once; {@link initBackend} calls it.
 *
 * @returns The names of the kernels (and, prefixed `grad:`, gradients) ganseg provides; the same
 *   list on every call.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { registerWasmTrainingKernels } from '@ganseg/runtime';
 * registerWasmTrainingKernels(); // ['Conv2DBackpropFilter', ..., 'grad:Conv2D', ...]
 * const g = tf.grad((f) => tf.conv2d(x, f, 1, 'same', 'NHWC', 6).sum())(filter); // works on wasm
 * ```
 */
export function registerWasmTrainingKernels(): string[] {
  for (const [kernelName, impl] of _KERNELS) {
    const existing = tf.getKernel(kernelName, 'wasm');
    // Already ganseg's, or @ganseg/native's oneDNN kernel (which falls back to this one itself).
    if (existing && (_mine.has(existing.kernelFunc) || isNativeKernel(existing.kernelFunc))) continue;
    if (existing) tf.unregisterKernel(kernelName, 'wasm');
    const kernelFunc: tf.KernelFunc = ({ inputs, attrs }) => tf.tidy(() => impl(inputs, (attrs ?? {}) as Attrs));
    _mine.add(kernelFunc);
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  for (const [kernelName, impl] of _SHARING) {
    const existing = tf.getKernel(kernelName, 'wasm');
    if (existing == null || _mine.has(existing.kernelFunc)) continue;
    const stock = existing.kernelFunc;
    const kernelFunc: tf.KernelFunc = (args) => impl(args) ?? stock(args);
    _mine.add(kernelFunc);
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ ...existing, kernelFunc });
  }
  _registerGradients();
  return _NAMES.slice();
}
