import * as tf from '@tensorflow/tfjs-core';
import { isNativeKernel } from './register-native-kernels.js';

/**
 * Whether the ops run now go to oneDNN: the active backend is wasm and its conv kernel is
 * @ganseg/native's. Callers pick their defaults by it (one process with OpenMP threads beats
 * single-threaded workers on the native path).
 *
 * @returns True when the current backend's convolutions are the native ones.
 * @example
 * ```ts
 * import { nativeKernelsActive } from '@ganseg/native';
 * const workers = options.workers ?? (nativeKernelsActive() ? 1 : os.availableParallelism());
 * ```
 */
export function nativeKernelsActive(): boolean {
  return tf.getBackend() === 'wasm' && isNativeKernel(tf.getKernel('Conv2D', 'wasm')?.kernelFunc);
}
