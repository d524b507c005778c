import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './init-backend.js';
import { leakyRelu } from './leaky-relu.js';

describe('leakyRelu', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("has tf.leakyRelu's values and gradient, and a second derivative (0 almost everywhere)", () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor1d([-2, -0.5, 0.25, 3]);
    for (const alpha of [0.2, 0.1]) {
      tf.tidy(() => {
      expect(Array.from(leakyRelu(x, alpha).dataSync())).toEqual(Array.from(tf.leakyRelu(x, alpha).dataSync()));
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(leakyRelu(t, alpha), tf.tensor1d([1, 2, 3, 4]))))(x);
      const want = [alpha, 2 * alpha, 3, 4];
      Array.from(g.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
      // d/dx of (the gradient) where tfjs's own leaky ReLU gradient throws (Greater has none)
      const gg = tf.grad((t: tf.Tensor) => tf.sum(tf.grad((u: tf.Tensor) => tf.sum(tf.mul(leakyRelu(u, alpha), u)))(t)))(x);
      // d/du (u * leaky(u)) = leaky(u) + u * slope(u); its derivative is 2 * slope(u)
      Array.from(gg.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(2 * (i < 2 ? alpha : 1), 6));
      });
    }
    tf.dispose([x]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
