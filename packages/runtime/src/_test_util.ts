import * as tf from '@tensorflow/tfjs-core';
import { createRng } from './create-rng.js';

/** Seeded normal data for each shape. */
export function _data(seed: number, shapes: number[][]): Float32Array[] {
  const r = createRng(seed);
  return shapes.map((s) => r.normalArray(s.reduce((a, b) => a * b, 1)));
}

/**
 * Runs `loss(...inputs)` and its gradients on `backend`, returns the loss and the gradients as
 * arrays, and the change in the number of live tensors (must be 0).
 */
export async function _gradsOn(
  backend: string,
  loss: (...xs: tf.Tensor[]) => tf.Scalar,
  shapes: number[][],
  data: Float32Array[],
): Promise<{ value: number; grads: Float32Array[]; leaked: number }> {
  await tf.setBackend(backend);
  const xs = shapes.map((s, i) => tf.tensor(data[i], s));
  const before = tf.memory().numTensors;
  const { value, grads } = tf.valueAndGrads(loss)(xs);
  const out = { value: value.dataSync()[0], grads: grads.map((g) => g.dataSync() as Float32Array) };
  tf.dispose([value, ...grads]);
  const leaked = tf.memory().numTensors - before;
  tf.dispose(xs);
  return { ...out, leaked };
}
