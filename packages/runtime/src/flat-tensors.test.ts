import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './init-backend.js';
import { assignFlat, flattenTensors } from './flat-tensors.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('flattenTensors / assignFlat', () => {
  it('round-trips a record in key order and refuses a flat array of the wrong length', () => {
    const a = { w: tf.variable(tf.tensor2d([[1, 2], [3, 4]])), b: tf.variable(tf.tensor1d([5, 6, 7])) };
    const flat = flattenTensors(a);
    expect(Array.from(flat)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const b = { w: tf.variable(tf.zeros([2, 2])), b: tf.variable(tf.zeros([3])) };
    const before = tf.memory().numTensors;
    assignFlat(b, flat.map((x) => x * 10));
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(b.w.dataSync())).toEqual([10, 20, 30, 40]);
    expect(Array.from(b.b.dataSync())).toEqual([50, 60, 70]);
    expect(Array.from(flattenTensors([b.b, b.w]))).toEqual([50, 60, 70, 10, 20, 30, 40]);
    expect(() => assignFlat(b, new Float32Array(6))).toThrow(/6 values for 2 variables of 7 values in all/);
    tf.dispose([...Object.values(a), ...Object.values(b)]);
  });
});
