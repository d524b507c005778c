import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, createRng } from '@ganseg/runtime';
import { _addBn, _bn, type _Params } from './_layers.js';

describe('_bn in training mode', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' }); // reference: tf.batchNorm's own gradient
  });

  it('matches tf.batchNorm with batch statistics in value and in the gradients of x, gamma, beta', () => {
    const p: _Params = {};
    _addBn(p, 'bn', 3);
    p['bn/gamma'].assign(tf.tensor1d([0.5, 2, -1]));
    p['bn/beta'].assign(tf.tensor1d([0.1, 0, 3]));
    const x = tf.tensor(createRng(1).normalArray(2 * 4 * 5 * 3), [2, 4, 5, 3]);
    const dy = tf.tensor(createRng(2).normalArray(2 * 4 * 5 * 3), [2, 4, 5, 3]);
    const g = p['bn/gamma'];
    const b = p['bn/beta'];
    const ours = tf.grads((a: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => {
      const q: _Params = { ...p };
      return tf.sum(tf.mul(_bn({ ...q, 'bn/gamma': gg as tf.Variable, 'bn/beta': bb as tf.Variable }, 'bn', a, true, null), dy));
    })([x, g, b]);
    const ref = tf.grads((a: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, [0, 1, 2]);
      return tf.sum(tf.mul(tf.batchNorm(a, mean, variance, bb, gg, 1e-5), dy));
    })([x, g, b]);
    for (let i = 0; i < 3; i++) {
      const u = ours[i].dataSync();
      const v = ref[i].dataSync();
      for (let j = 0; j < u.length; j++) expect(Math.abs(u[j] - v[j])).toBeLessThan(1e-4 * (1 + Math.abs(v[j])));
    }
    tf.dispose([x, dy, ...ours, ...ref, ...Object.values(p)]);
  });
});
