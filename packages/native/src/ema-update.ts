import * as tf from '@tensorflow/tfjs-core';
import { _loadAddon } from './_addon.js';
import { _floatOffset, _heap, _ownedOffset, type _WasmBackend } from './_wasm-heap.js';
import { _countNativeCall } from './register-native-kernels.js';

/**
 * Moves each average toward its value: `avg = value + (avg - value) * beta` (an exponential moving
 * average of weights, such as StyleGAN's Gs), with tfjs's float32 rounding. On the wasm backend
 * with @ganseg/native, the averages that alone hold their buffers are updated in place in one call
 * for the whole list (three tfjs ops, a new buffer and an assign a tensor otherwise); the others,
 * and every average elsewhere, by `avg.assign(tf.add(value, tf.mul(tf.sub(avg, value), beta)))`.
 * The same numbers either way.
 *
 * @param avg The averages (variables), updated.
 * @param value The current values, one per average, of the same shapes.
 * @param beta The weight of the old average, in [0, 1].
 * @example
 * ```ts
 * import { emaUpdate } from '@ganseg/native';
 * emaUpdate([gsW, gsB], [gW, gB], 0.999);
 * ```
 */
export function emaUpdate(avg: tf.Variable[], value: tf.Tensor[], beta: number): void {
  if (avg.length !== value.length) throw new RangeError(`emaUpdate: ${avg.length} averages but ${value.length} values; pass one value per average.`);
  avg.forEach((a, i) => {
    if (!tf.util.arraysEqual(a.shape, value[i].shape)) throw new RangeError(`emaUpdate: average ${i} (${a.name}) has shape [${a.shape}] but its value [${value[i].shape}].`);
  });
  const rest = _inPlace(avg, value, beta);
  if (rest.length === 0) return;
  tf.tidy(() => {
    for (const i of rest) avg[i].assign(tf.add(value[i], tf.mul(tf.sub(avg[i], value[i]), beta)));
  });
}

/** Updates in place, in one native call, the averages that can be; returns the indices of the others. */
function _inPlace(avg: tf.Variable[], value: tf.Tensor[], beta: number): number[] {
  const all = avg.map((_, i) => i);
  const { addon } = _loadAddon();
  if (addon == null || tf.getBackend() !== 'wasm') return all;
  const b = tf.backend() as unknown as _WasmBackend;
  const params: number[] = [0, beta];
  const rest: number[] = [];
  for (const i of all) {
    const oa = _ownedOffset(b, avg[i]);
    const ov = _floatOffset(b, value[i]);
    if (oa == null || ov == null || avg[i].size === 0) rest.push(i);
    else params.push(avg[i].size, oa, ov);
  }
  if (params.length === 2) return rest;
  params[0] = (params.length - 2) / 3;
  // csrc/ema.cc: count, beta, then (size, average, value) a tensor
  addon.emaInPlace(_heap(b), new Float64Array(params));
  _countNativeCall();
  return rest;
}
