// The wasm kernels as tfjs-backend-wasm ships them, captured before @ganseg/runtime replaces some
// (import this module before calling initBackend). Benchmarks time them beside ganseg's to show
// what each replacement costs or saves. wasm is resolved through @ganseg/runtime, which owns that
// dependency, so it is the same module instance.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';

const fromRuntime = createRequire(fileURLToPath(import.meta.resolve('@ganseg/runtime')));
await import(pathToFileURL(fromRuntime.resolve('@tensorflow/tfjs-backend-wasm')).href);

const NAMES = ['Conv2DBackpropInput', 'MaxPoolGrad', 'ResizeBilinearGrad', 'ResizeNearestNeighborGrad'];

/** Stock wasm kernel configs by name (those ganseg replaces). */
export const stockKernels = new Map<string, tf.KernelConfig>();
for (const name of NAMES) {
  const k = tf.getKernel(name, 'wasm');
  if (k) stockKernels.set(name, k);
}

/** Runs a captured stock kernel on the active (wasm) backend and wraps its output as a Tensor. */
export function runStock(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor {
  const k = stockKernels.get(name);
  if (!k) throw new Error(`no stock wasm kernel ${name}`);
  const out = k.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, attrs: attrs as tf.NamedAttrMap, backend: tf.backend() }) as tf.TensorInfo;
  return (tf.engine() as unknown as { makeTensorFromTensorInfo(i: tf.TensorInfo): tf.Tensor }).makeTensorFromTensorInfo(out);
}
