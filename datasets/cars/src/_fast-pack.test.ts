import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { describe, expect, it } from 'vitest';
import { _registerFastPackGradient } from './_fast-pack.js';

describe('_registerFastPackGradient', () => {
  it('gives the same gradients as tfjs for stacks of rank 4 and 5 tensors, along any axis', async () => {
    await initBackend({ backend: 'wasm' });
    const a = tf.randomNormal([2, 3, 4, 5], 0, 1, 'float32', 1);
    const b = tf.randomNormal([2, 3, 4, 5], 0, 1, 'float32', 2);
    const w = tf.randomNormal([2, 3, 4, 2, 5], 0, 1, 'float32', 3);
    const f = (axis: number) => (x: tf.Tensor, y: tf.Tensor) => {
      const s = tf.stack([x, y], axis);
      const t = tf.stack([s, tf.mul(s, 2)], 2); // rank 6
      return tf.sum(tf.mul(tf.sin(t), axis === 3 ? tf.stack([w, w], 2) : 1));
    };
    const stock = [0, 3, 4].map((axis) => tf.grads(f(axis))([a, b]).map((g) => Array.from(g.dataSync())));
    _registerFastPackGradient();
    const fast = [0, 3, 4].map((axis) => tf.grads(f(axis))([a, b]).map((g) => Array.from(g.dataSync())));
    expect(fast).toEqual(stock);
  });
});
