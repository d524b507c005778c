import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { emaUpdate } from './ema-update.js';
import { nativeStatus } from './native-status.js';
import { nativeCallCount } from './register-native-kernels.js';
import { randn, setup } from './_test_util.js';

const SIZES = [1, 7, 300_001];

/** The update in plain JavaScript, rounding as float32 after each operation (as tfjs does). */
function reference(avg: Float32Array, x: Float32Array, beta: number): Float32Array {
  const b = Math.fround(beta);
  return avg.map((a, i) => Math.fround(x[i] + Math.fround(Math.fround(a - x[i]) * b)));
}

/** Variables that alone hold their buffers (the tensors they were made from disposed). */
function owned(seed: number, tag: string): tf.Variable[] {
  return SIZES.map((n, i) => {
    const t = tf.tensor(randn(n, seed + i));
    const v = tf.variable(t, false, `${tag}_${i}_${Math.random()}`);
    t.dispose();
    return v;
  });
}

describe.runIf(nativeStatus().enabled)('emaUpdate', () => {
  it('updates in place in one native call, bit for bit as float32 arithmetic, leaving no tensor', async () => {
    await setup();
    const avg = owned(1, 'avg');
    const x = SIZES.map((n, i) => tf.tensor(randn(n, 50 + i)));
    const want = avg.map((a, i) => reference(a.dataSync() as Float32Array, x[i].dataSync() as Float32Array, 0.999));
    const buffers = avg.map((a) => a.dataId);
    const calls = nativeCallCount();
    const before = tf.memory().numTensors;
    emaUpdate(avg, x, 0.999);
    expect(nativeCallCount() - calls).toBe(1);
    expect(avg.map((a) => a.dataId)).toEqual(buffers); // in place
    avg.forEach((a, i) => expect(a.dataSync()).toEqual(want[i]));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...avg, ...x]);
  });

  it('updates an average that shares its buffer through tfjs ops (the sharer keeps its values), with the same bits', async () => {
    await setup();
    const avg = owned(3, 'sh');
    const x = SIZES.map((n, i) => tf.tensor(randn(n, 70 + i)));
    const keep = tf.clone(avg[2]); // shares avg[2]'s buffer on wasm
    const old = keep.dataSync().slice();
    const want = avg.map((a, i) => reference(a.dataSync() as Float32Array, x[i].dataSync() as Float32Array, 0.5));
    const calls = nativeCallCount();
    emaUpdate(avg, x, 0.5);
    expect(nativeCallCount() - calls).toBeGreaterThanOrEqual(1); // the other two in place
    avg.forEach((a, i) => expect(a.dataSync()).toEqual(want[i]));
    expect(keep.dataSync()).toEqual(old);
    tf.dispose([...avg, ...x, keep]);
  });

  it('refuses lists of different lengths or shapes, naming the average', async () => {
    await setup();
    const a = tf.variable(tf.zeros([2, 3]), false, `r_${Math.random()}`);
    expect(() => emaUpdate([a], [], 0.9)).toThrow(/1 averages but 0 values/);
    expect(() => emaUpdate([a], [tf.zeros([3, 2])], 0.9)).toThrow(/average 0 \(r_.*\) has shape \[2,3\] but its value \[3,2\]/);
    a.dispose();
  });

  it('gives the same numbers on the cpu backend (tfjs ops, no native call)', async () => {
    await tf.setBackend('cpu');
    const avg = owned(5, 'cpu');
    const x = SIZES.map((n, i) => tf.tensor(randn(n, 90 + i)));
    const want = avg.map((a, i) => reference(a.dataSync() as Float32Array, x[i].dataSync() as Float32Array, 0.99));
    const calls = nativeCallCount();
    emaUpdate(avg, x, 0.99);
    expect(nativeCallCount()).toBe(calls);
    avg.forEach((a, i) => expect(a.dataSync()).toEqual(want[i]));
    tf.dispose([...avg, ...x]);
  });
});
