import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { leakyReluGrad } from './leaky-relu-grad.js';
import { nativeStatus } from './native-status.js';
import { nativeCallCount } from './register-native-kernels.js';
import { on, randn, setup } from './_test_util.js';

// The reference: tfjs's Step and Multiply on tfjs-backend-cpu (dy * step(x, alpha)).
describe('leakyReluGrad', () => {
  it('is dy * step(x, alpha) on any backend, NaN where x is NaN, and refuses mismatched shapes', async () => {
    await tf.setBackend('cpu');
    const g = leakyReluGrad(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([-1, 0, 5, NaN]), 0.2).dataSync();
    expect(g[0]).toBeCloseTo(0.2, 6);
    expect(g[1]).toBeCloseTo(0.4, 6);
    expect(g[2]).toBe(3);
    expect(g[3]).toBeNaN();
    expect(() => leakyReluGrad(tf.zeros([2, 3]), tf.zeros([3, 2]), 0.2)).toThrow(/one shape/);
  });
});

describe.runIf(nativeStatus().enabled)('leakyReluGrad on native kernels', () => {
  beforeAll(async () => {
    expect((await setup()).enabled).toBe(true);
  });

  it('runs as one native call with the same float32 values as Step and Multiply on cpu', async () => {
    const n = 2 * 9 * 7 * 5;
    const run = (fused: boolean) => () => {
      const dy = tf.tensor4d(randn(n, 1), [2, 9, 7, 5]);
      const x = tf.tensor4d(randn(n, 2), [2, 9, 7, 5]);
      return fused ? leakyReluGrad(dy, x, 0.3) : tf.mul(dy, tf.step(x, 0.3));
    };
    const before = nativeCallCount();
    const [got] = await on('wasm', run(true));
    expect(nativeCallCount() - before, 'one native call').toBe(1);
    const [want] = await on('cpu', run(false));
    expect(Array.from(got)).toEqual(Array.from(want)); // the same products, bit for bit
  });

  it('is differentiable with respect to dy (twice-differentiable leaky ReLU), with no leaks', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d(randn(24, 3), [4, 6]);
    const dy = tf.tensor2d(randn(24, 4), [4, 6]);
    const w = tf.tensor2d(randn(24, 5), [4, 6]);
    const before = tf.memory().numTensors;
    const g = tf.grad((d: tf.Tensor) => tf.sum(tf.mul(tf.square(leakyReluGrad(d, x, 0.2)), w)))(dy);
    // d/d(dy) sum(w (dy s)^2) = 2 w dy s^2, s = step(x, 0.2)
    const want = tf.tidy(() => tf.mul(tf.mul(tf.mul(w, dy), 2), tf.square(tf.step(x, 0.2))));
    const a = g.dataSync();
    const b = want.dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5);
    tf.dispose([g, want]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, dy, w]);
  });
});
