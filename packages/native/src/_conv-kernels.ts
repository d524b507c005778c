import * as tf from '@tensorflow/tfjs-core';
import type { _Addon } from './_addon.js';
import { _activationCode } from './_activation.js';
import { _heap, _offset, type _WasmBackend } from './_wasm-heap.js';
import type { _NativeImpl } from './_native-impl.js';

type Info = tf.TensorInfo;
type Attrs = Record<string, unknown>;
type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;
type Shape4 = [number, number, number, number];

const KIND = { forward: 0, backwardData: 1, backwardWeights: 2 } as const;

/** The geometry of a conv call as oneDNN needs it, or null where the native kernel does not apply. */
function _geometry(inShape: Shape4, filterShape: Shape4, a: Attrs, depthwise: boolean): ConvInfo | null {
  if (a.dataFormat != null && a.dataFormat !== 'NHWC') return null;
  let ci: ConvInfo;
  try {
    ci = tf.backend_util.computeConv2DInfo(
      inShape,
      filterShape,
      a.strides as number | [number, number],
      (a.dilations ?? 1) as number | [number, number],
      a.pad as 'same' | 'valid' | number,
      a.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
      depthwise,
    );
  } catch {
    return null; // let the previous kernel raise tfjs's own error
  }
  const p = ci.padInfo;
  if (p.top < 0 || p.bottom < 0 || p.left < 0 || p.right < 0) return null;
  // oneDNN wants out = floor((in + padL + padR - effectiveK) / stride) + 1 exactly; tfjs's 'ceil'
  // rounding (and some explicit pads) reach one more output row than its padding says.
  p.bottom = _endPad(ci.inHeight, ci.outHeight, ci.effectiveFilterHeight, ci.strideHeight, p.top, p.bottom);
  p.right = _endPad(ci.inWidth, ci.outWidth, ci.effectiveFilterWidth, ci.strideWidth, p.left, p.right);
  if (ci.outHeight <= 0 || ci.outWidth <= 0 || ci.batchSize <= 0 || ci.inChannels <= 0 || ci.outChannels <= 0) return null;
  return ci;
}

/** The end padding that gives `out` rows: tfjs's when it does, else the smallest that does. */
function _endPad(inSize: number, out: number, k: number, stride: number, start: number, end: number): number {
  if (Math.floor((inSize + start + end - k) / stride) + 1 === out) return end;
  return Math.max(0, (out - 1) * stride + k - inSize - start);
}

function _params(kind: number, ci: ConvInfo, groups: number, act: number, hasBias: boolean, alpha: number, offsets: [number, number, number, number]): Float64Array {
  const p = ci.padInfo;
  // csrc/conv.cc's enum P
  return new Float64Array([
    kind, ci.batchSize, ci.inHeight, ci.inWidth, ci.inChannels, ci.outHeight, ci.outWidth, ci.outChannels,
    ci.filterHeight, ci.filterWidth, ci.strideHeight, ci.strideWidth, ci.dilationHeight, ci.dilationWidth,
    p.top, p.left, p.bottom, p.right, groups, act, hasBias ? 1 : 0, alpha,
    ...offsets,
  ]);
}

const _f32 = (...ts: Array<Info | undefined>) => ts.every((t) => t == null || t.dtype === 'float32');
const _sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Forward conv (plain or depthwise, optionally with bias and activation). */
function _forward(addon: _Addon, depthwise: boolean, fused: boolean): _NativeImpl {
  return ({ inputs, attrs, backend }) => {
    const { x, filter, bias, preluActivationWeights } = inputs as Record<string, Info | undefined>;
    if (x == null || filter == null || !_f32(x, filter, bias) || x.shape.length !== 4 || filter.shape.length !== 4) return null;
    const a = attrs ?? {};
    const act = fused ? _activationCode(a.activation) : 0;
    if (act == null || preluActivationWeights != null) return null;
    const ci = _geometry(x.shape as Shape4, filter.shape as Shape4, a, depthwise);
    if (ci == null) return null;
    if (bias != null && tf.util.sizeFromShape(bias.shape) !== ci.outChannels) return null; // a broadcast bias: previous kernel
    if (!depthwise && filter.shape[2] !== ci.inChannels) return null;
    const b = backend as unknown as _WasmBackend;
    const out = b.makeOutput(ci.outShape, 'float32');
    const offs: [number, number, number, number] = [_offset(b, x), _offset(b, filter), bias ? _offset(b, bias) : -1, _offset(b, out)];
    addon.conv(_heap(b), _params(KIND.forward, ci, depthwise ? ci.inChannels : 1, act, bias != null, Number(a.leakyreluAlpha ?? 0.2), offs));
    return out;
  };
}

/**
 * A gradient: with respect to the input (`backwardData`, also conv2dTranspose's forward pass;
 * inputs `dy`, `filter`, attribute `inputShape`) or the filter (`backwardWeights`; inputs `x`,
 * `dy`, attribute `filterShape`).
 */
function _backward(addon: _Addon, depthwise: boolean, kind: 'backwardData' | 'backwardWeights'): _NativeImpl {
  const data = kind === 'backwardData';
  return ({ inputs, attrs, backend }) => {
    const { dy } = inputs as Record<string, Info | undefined>;
    const known = (data ? inputs.filter : inputs.x) as Info | undefined; // the operand that is not asked for
    const a = attrs ?? {};
    const outShape = (data ? a.inputShape : a.filterShape) as Shape4 | undefined;
    if (dy == null || known == null || outShape == null || !_f32(dy, known) || known.shape.length !== 4 || dy.shape.length !== 4) return null;
    const ci = data ? _geometry(outShape, known.shape as Shape4, a, depthwise) : _geometry(known.shape as Shape4, outShape, a, depthwise);
    if (ci == null || !_sameShape(ci.outShape, dy.shape)) return null;
    const b = backend as unknown as _WasmBackend;
    const out = b.makeOutput(outShape.slice(), 'float32');
    const [xOff, fOff] = data ? [_offset(b, out), _offset(b, known)] : [_offset(b, known), _offset(b, out)];
    addon.conv(_heap(b), _params(KIND[kind], ci, depthwise ? ci.inChannels : 1, 0, false, 0, [xOff, fOff, -1, _offset(b, dy)]));
    return out;
  };
}

/** The conv kernels, by tfjs kernel name. */
export function _convKernels(addon: _Addon): Array<[string, _NativeImpl]> {
  return [
    ['Conv2D', _forward(addon, false, false)],
    ['FusedConv2D', _forward(addon, false, true)],
    ['Conv2DBackpropInput', _backward(addon, false, 'backwardData')],
    ['Conv2DBackpropFilter', _backward(addon, false, 'backwardWeights')],
    ['DepthwiseConv2dNative', _forward(addon, true, false)],
    ['FusedDepthwiseConv2D', _forward(addon, true, true)],
    ['DepthwiseConv2dNativeBackpropInput', _backward(addon, true, 'backwardData')],
    ['DepthwiseConv2dNativeBackpropFilter', _backward(addon, true, 'backwardWeights')],
  ];
}
