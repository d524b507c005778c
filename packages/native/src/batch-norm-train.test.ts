import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { maxRelDiff } from '@ganseg/test-util';
import { batchNormTrain } from './batch-norm-train.js';
import { nativeStatus } from './native-status.js';
import { nativeCallCount } from './register-native-kernels.js';
import { on, randn, setup } from './_test_util.js';

const TOL = 1e-4;

describe('batchNormTrain', () => {
  it('refuses gamma of the wrong size and an unknown activation', async () => {
    await tf.setBackend('cpu');
    const x = tf.zeros([2, 3]);
    expect(() => batchNormTrain(x, tf.ones([2]) as tf.Tensor1D, tf.zeros([3]) as tf.Tensor1D)).toThrow(/3 values/);
    expect(() => batchNormTrain(x, tf.ones([3]) as tf.Tensor1D, tf.zeros([3]) as tf.Tensor1D, { activation: 'elu' as 'relu' })).toThrow(/not one of/);
  });

  it('without native kernels is the textbook formula (cpu)', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor2d([1, 10, 3, 30, 5, 50], [3, 2]);
    const { y, mean, variance } = batchNormTrain(x, tf.tensor1d([1, 2]), tf.tensor1d([0, 1]), { epsilon: 0 });
    expect(Array.from(mean.dataSync())).toEqual([3, 30]);
    const v = 8 / 3;
    expect(maxRelDiff(variance.dataSync() as Float32Array, new Float32Array([v, 100 * v]), 1e-3)).toBeLessThan(1e-6);
    const s = Math.sqrt(v);
    expect(maxRelDiff(y.dataSync() as Float32Array, new Float32Array([-2 / s, 2 * (-2 / s) + 1, 0, 1, 2 / s, 2 * (2 / s) + 1]), 1e-3)).toBeLessThan(1e-5);
  });
});

describe.runIf(nativeStatus().enabled)('batchNormTrain on native kernels matches the tfjs formula on cpu', () => {
  beforeAll(async () => {
    expect((await setup()).enabled).toBe(true);
  });

  for (const activation of ['linear', 'relu', 'leakyrelu'] as const) {
    it(`values and gradients, ${activation}`, async () => {
      const shape = [2, 5, 7, 6];
      // The reference: the formula in plain tfjs ops, differentiated by tfjs's own autograd.
      const plain = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const { mean, variance } = tf.moments(x, [0, 1, 2]);
        const z = tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-3))), g), b);
        const y = activation === 'relu' ? tf.relu(z) : activation === 'leakyrelu' ? tf.leakyRelu(z, 0.1) : z;
        return { y, mean, variance };
      };
      const run = (bn: typeof plain) => () => {
        const x = tf.tensor(randn(2 * 5 * 7 * 6, 31).map((v) => v * 3 + 1), shape);
        const gamma = tf.tensor1d(randn(6, 32));
        const beta = tf.tensor1d(randn(6, 33));
        const w = tf.tensor(randn(2 * 5 * 7 * 6, 34), shape);
        const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(bn(a, g, b).y, w)) as tf.Scalar;
        const { y, mean, variance } = bn(x, gamma, beta);
        const { value, grads } = tf.valueAndGrads(f)([x, gamma, beta]);
        return [y, mean, variance, value, ...grads];
      };
      const calls = nativeCallCount();
      const numTensors = tf.memory().numTensors;
      const ours = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => batchNormTrain(x, g as tf.Tensor1D, b as tf.Tensor1D, { activation, alpha: 0.1, epsilon: 1e-3 });
      const got = await on('wasm', run(ours));
      expect(tf.memory().numTensors).toBe(numTensors);
      expect(nativeCallCount()).toBeGreaterThanOrEqual(calls + 3); // forward twice, backward once
      const want = await on('cpu', run(plain));
      for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3), `output ${i}`).toBeLessThan(TOL);
      // and the tfjs-ops path (no native kernel on cpu) against the same reference
      const composite = await on('cpu', run(ours));
      for (let i = 0; i < want.length; i++) expect(maxRelDiff(composite[i], want[i], 1e-3), `composite output ${i}`).toBeLessThan(TOL);
    });
  }
});
