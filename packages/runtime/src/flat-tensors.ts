import * as tf from '@tensorflow/tfjs-core';

/**
 * The values of some tensors (a record in key order, or a list) as one Float32Array, and back:
 * how weights and gradients travel to and from WorkerPool workers (one transferable buffer
 * instead of a tensor a message).
 *
 * @example
 * ```ts
 * const flat = flattenTensors(model.weights); // main thread: every weight, key order
 * assignFlat(replica.weights, flat); // worker: the same architecture, same key order
 * ```
 */
export function flattenTensors(tensors: Record<string, tf.Tensor> | readonly tf.Tensor[]): Float32Array {
  const list = Array.isArray(tensors) ? tensors : Object.values(tensors);
  const out = new Float32Array(list.reduce((a, t) => a + t.size, 0));
  let o = 0;
  for (const t of list) {
    out.set(t.dataSync() as Float32Array, o);
    o += t.size;
  }
  return out;
}

/**
 * Writes `flat` (as {@link flattenTensors} made it) into variables of the same shapes and order.
 *
 * @throws RangeError when `flat` does not hold exactly as many values as the variables.
 * @example
 * ```ts
 * assignFlat(replica.weights, task.weights);
 * ```
 */
export function assignFlat(variables: Record<string, tf.Variable> | readonly tf.Variable[], flat: Float32Array): void {
  const list = Array.isArray(variables) ? variables : Object.values(variables);
  const total = list.reduce((a, v) => a + v.size, 0);
  if (total !== flat.length) throw new RangeError(`assignFlat: ${flat.length} values for ${list.length} variables of ${total} values in all; both sides must list the same architecture in the same order.`);
  let o = 0;
  for (const v of list) {
    const n = v.size;
    tf.tidy(() => v.assign(tf.tensor(flat.subarray(o, o + n), v.shape)));
    o += n;
  }
}
