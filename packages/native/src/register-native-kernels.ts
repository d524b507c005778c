import * as tf from '@tensorflow/tfjs-core';
import { _loadAddon } from './_addon.js';
import { _convKernels } from './_conv-kernels.js';
import { _matmulKernels } from './_matmul-kernels.js';
import { _batchNormKernels } from './_batch-norm-kernels.js';
import { _poolKernels } from './_max-pool-grad-kernel.js';
import { _optimizerKernels } from './_sgd-momentum-kernel.js';
import { _adamKernels } from './_adam-kernel.js';
import { _styleEpilogueKernels } from './_style-epilogue-kernels.js';
import { _sliceKernels } from './_slice-kernels.js';
import { _reduceKernels } from './_reduce-kernels.js';
import { _copyKernels } from './_copy-kernels.js';
import { _elementwiseKernels } from './_elementwise-kernels.js';
import { _binaryKernels } from './_binary-kernels.js';
import { NativeError } from './native-error.js';
import type { _NativeImpl } from './_native-impl.js';

/** What {@link registerNativeKernels} did, or why it could not. */
export interface NativeStatus {
  /** Whether oneDNN kernels are registered on the wasm backend in this thread. */
  enabled: boolean;
  /** Why not, in one line (null when enabled). */
  reason: string | null;
  /** oneDNN's version, e.g. `2.6.3`. */
  onednn?: string;
  /** The instruction set oneDNN dispatches to here, e.g. `avx512_core`. */
  isa?: string;
  /** oneDNN's CPU threading runtime, e.g. `OpenMP`. */
  runtime?: string;
  /** OpenMP threads for kernels called from this thread. */
  threads?: number;
  /** The kernel names registered. */
  kernels: string[];
}

/** Options for {@link registerNativeKernels}. */
export interface RegisterNativeOptions {
  /** OpenMP threads for kernels called from this thread; default `GANSEG_NATIVE_THREADS`, else OpenMP's own default. */
  threads?: number;
  /** Throw a {@link NativeError} when the addon cannot load; default: `GANSEG_NATIVE=require`. */
  require?: boolean;
}

const _MARK = Symbol.for('ganseg.native.kernel');
let _calls = 0;

/** Whether a registered kernel function is one of @ganseg/native's (so others do not replace it). */
export function isNativeKernel(kernelFunc: unknown): boolean {
  return typeof kernelFunc === 'function' && (kernelFunc as unknown as Record<symbol, unknown>)[_MARK] === true;
}

/** How many native kernel calls ran in this thread (a silent fallback to wasm leaves it at 0). */
export function nativeCallCount(): number {
  return _calls;
}

/** Counts a native call made outside a registered kernel (the in-place optimizer and EMA updates). */
export function _countNativeCall(): void {
  _calls++;
}

function _register(name: string, impl: _NativeImpl): void {
  const prev = tf.getKernel(name, 'wasm');
  if (prev && isNativeKernel(prev.kernelFunc)) return;
  if (prev) tf.unregisterKernel(name, 'wasm');
  const fallback = prev?.kernelFunc;
  const kernelFunc = ((args: Parameters<tf.KernelFunc>[0]) => {
    const out = impl(args as Parameters<_NativeImpl>[0]);
    if (out != null) {
      _calls++;
      return out;
    }
    if (fallback == null) throw new NativeError(`ganseg native: ${name} got inputs it does not cover (dtype, rank or layout) and no other kernel is registered`);
    return fallback(args);
  }) as tf.KernelFunc;
  (kernelFunc as unknown as Record<symbol, unknown>)[_MARK] = true;
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc, setupFunc: prev?.setupFunc, disposeFunc: prev?.disposeFunc });
}

/**
 * Registers oneDNN kernels on TensorFlow.js's wasm backend, when the addon was built: `Conv2D`,
 * `FusedConv2D`, both conv gradients, the depthwise forms, `BatchMatMul`, `_FusedMatMul`,
 * `MaxPoolGrad`, strided `Slice` and `SplitV` (wasm copies those element by element in
 * JavaScript), float32 `Sum` and `Mean` over one run of axes (wasm transposes first), `Concat`,
 * `Transpose`, `Reverse`, constant `PadV2`, `LeakyRelu` and `Step` (scalar or row-by-row loops in
 * wasm), float32 `Add`, `Sub`, `Multiply` and `Tile` of size-1 axes from 4,096 elements (wasm's
 * broadcasting loop indexes each element), the training batch norm of {@link batchNormTrain}, StyleGAN's {@link styleEpilogue} and the optimizer steps of
 * {@link sgdMomentumStep} and {@link FusedAdamOptimizer}. Each kernel hands what it does not cover
 * (another dtype, NCHW, prelu, a broadcast bias) to the kernel registered before it, so call it
 * after every other registration for wasm (`initBackend` in @ganseg/runtime does). Tensors stay
 * in the wasm heap: oneDNN reads and writes them in place. Safe to call more than once.
 *
 * @param options OpenMP threads for this thread; whether a missing addon is an error.
 * @returns What was registered, or why nothing was.
 * @example
 * ```ts
 * import { registerNativeKernels } from '@ganseg/native';
 * const s = registerNativeKernels({ threads: 1 });
 * console.log(s.enabled ? `oneDNN ${s.onednn} (${s.isa})` : s.reason);
 * ```
 */
export function registerNativeKernels(options: RegisterNativeOptions = {}): NativeStatus {
  const mustLoad = options.require ?? process.env.GANSEG_NATIVE === 'require';
  const { addon, reason } = _loadAddon();
  if (addon == null) {
    if (mustLoad) throw new NativeError(`Native kernels were required (GANSEG_NATIVE=require) but ${reason}.`);
    return { enabled: false, reason, kernels: [] };
  }
  const envThreads = Number(process.env.GANSEG_NATIVE_THREADS ?? '');
  const threads = options.threads ?? (Number.isInteger(envThreads) && envThreads > 0 ? envThreads : undefined);
  if (threads != null) addon.setThreads(threads);
  const kernels = [..._convKernels(addon), ..._matmulKernels(addon), ..._batchNormKernels(addon), ..._poolKernels(addon), ..._optimizerKernels(addon), ..._adamKernels(addon), ..._styleEpilogueKernels(addon), ..._sliceKernels(addon), ..._reduceKernels(addon), ..._copyKernels(addon), ..._elementwiseKernels(addon), ..._binaryKernels(addon)];
  for (const [name, impl] of kernels) _register(name, impl);
  const info = addon.info();
  return { enabled: true, reason: null, onednn: info.onednn, isa: info.isa, runtime: info.runtime, threads: info.threads, kernels: kernels.map(([n]) => n) };
}
