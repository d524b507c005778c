import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerNativeKernels, type NativeStatus } from './register-native-kernels.js';

/** Seeded normal-ish numbers (sum of uniforms), so every backend sees the same inputs. */
export function randn(n: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < 4; j++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      acc += (s >>> 0) / 4294967296;
    }
    out[i] = (acc - 2) * 1.7;
  }
  return out;
}

/** Runs `fn` on a backend and returns its outputs as plain arrays (tensors disposed). */
export async function on(backend: 'wasm' | 'cpu', fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(() => {
    const r = fn();
    return Array.isArray(r) ? r : [r];
  });
  const data = outs.map((t) => t.dataSync() as Float32Array);
  tf.dispose(outs);
  return data;
}

/** Starts wasm and registers the native kernels once for a test file. */
export async function setup(): Promise<NativeStatus> {
  await tf.setBackend('wasm');
  await tf.ready();
  return registerNativeKernels();
}
