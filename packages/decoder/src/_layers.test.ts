import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, createRng } from '@ganseg/runtime';
import { expectArraysClose } from '@ganseg/test-util';
import { _addBn, _bn, _biasBnAct, type _BnStats, type _Params } from './_layers.js';

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
      expectArraysClose(u, v, 1e-4, 1e-4);
    }
    tf.dispose([x, dy, ...ours, ...ref, ...Object.values(p)]);
  });
});

describe('_biasBnAct', () => {
  beforeAll(async () => {
    await initBackend();
  });

  for (const withDropout of [false, true]) {
    it(`in training equals bias + BN(batch stats) + LeakyReLU${withDropout ? ' + dropout' : ''} spelled out, in value, gradients and recorded statistics`, () => {
      const p: _Params = {};
      _addBn(p, 'bn', 3);
      p['c/b'] = tf.variable(tf.tensor1d([0.3, -1, 2]));
      p['bn/gamma'].assign(tf.tensor1d([0.5, 2, -1]));
      p['bn/beta'].assign(tf.tensor1d([0.1, 0, 3]));
      const x = tf.tensor4d(createRng(1).normalArray(2 * 4 * 5 * 3), [2, 4, 5, 3]);
      const dy = tf.tensor(createRng(2).normalArray(2 * 4 * 5 * 3), [2, 4, 5, 3]);
      const drop = (seed: number) => (withDropout ? { rate: 0.5, rng: createRng(seed) } : null);
      // the same mask as the op draws: the same rng stream, the same rule
      const u = createRng(7).uniformArray(x.size);
      const maskRef = tf.tensor(Array.from(u, (v) => (v >= 0.5 ? 2 : 0)), x.shape);
      const stats: _BnStats = [];
      const ours = tf.grads((a: tf.Tensor, b: tf.Tensor, g: tf.Tensor, be: tf.Tensor) =>
        tf.sum(tf.mul(_biasBnAct({ ...p, 'c/b': b as tf.Variable, 'bn/gamma': g as tf.Variable, 'bn/beta': be as tf.Variable }, 'c', 'bn', a as tf.Tensor4D, true, stats, drop(7)), dy)),
      )([x, p['c/b'], p['bn/gamma'], p['bn/beta']]);
      const ref = tf.grads((a: tf.Tensor, b: tf.Tensor, g: tf.Tensor, be: tf.Tensor) => {
        const xb = tf.add(a, b);
        const { mean, variance } = tf.moments(xb, [0, 1, 2]);
        const y = tf.leakyRelu(tf.batchNorm(xb, mean, variance, be, g, 1e-5), 0.2);
        return tf.sum(tf.mul(withDropout ? tf.mul(y, maskRef) : y, dy));
      })([x, p['c/b'], p['bn/gamma'], p['bn/beta']]);
      for (let i = 0; i < 4; i++) {
        const [a, b] = [ours[i].dataSync(), ref[i].dataSync()];
        expectArraysClose(a, b, 1e-4, 1e-4);
      }
      expect(Math.max(...Array.from(ours[0].dataSync(), Math.abs))).toBeGreaterThan(0.01);
      const { mean, variance } = tf.moments(tf.add(x, p['c/b']), [0, 1, 2]);
      expect(stats).toHaveLength(1);
      const close = (a: tf.Tensor, b: tf.Tensor) => Array.from(a.dataSync()).forEach((v, j) => expect(Math.abs(v - b.dataSync()[j])).toBeLessThan(1e-5));
      close(stats[0].mean, mean);
      close(stats[0].variance, variance);
      tf.dispose([x, dy, maskRef, mean, variance, stats[0].mean, stats[0].variance, ...ours, ...ref, ...Object.values(p)]);
    });
  }

  it('on running statistics equals bias + tf.batchNorm + LeakyReLU', () => {
    const p: _Params = {};
    _addBn(p, 'bn', 3);
    p['c/b'] = tf.variable(tf.tensor1d([0.3, -1, 2]));
    p['bn/gamma'].assign(tf.tensor1d([0.5, 2, -1]));
    p['bn/moving_mean'].assign(tf.tensor1d([1, -2, 0.5]));
    p['bn/moving_var'].assign(tf.tensor1d([0.25, 4, 1]));
    const x = tf.tensor4d(createRng(3).normalArray(2 * 4 * 5 * 3), [2, 4, 5, 3]);
    const ours = _biasBnAct(p, 'c', 'bn', x, false, null).dataSync();
    const ref = tf.leakyRelu(tf.batchNorm(tf.add(x, p['c/b']), p['bn/moving_mean'], p['bn/moving_var'], p['bn/beta'], p['bn/gamma'], 1e-5), 0.2).dataSync();
    expectArraysClose(ours, ref, 1e-5, 1e-5);
    tf.dispose([x, ...Object.values(p)]);
  });
});
