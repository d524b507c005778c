import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { maxRelDiff } from '@ganseg/test-util';
import { styleEpilogue } from './style-epilogue.js';
import { nativeStatus } from './native-status.js';
import { nativeCallCount } from './register-native-kernels.js';
import { on, randn, setup } from './_test_util.js';

const TOL = 1e-4;

/** The epilogue as StyleGAN's reference code writes it, in plain tfjs ops (differentiated by tfjs). */
function plain(y: tf.Tensor4D, noise: tf.Tensor4D, nw: tf.Tensor1D, scale: tf.Tensor2D, shift: tf.Tensor2D): tf.Tensor {
  const [n, , , c] = y.shape;
  const v = tf.leakyRelu(tf.add(y, tf.mul(noise, nw)), 0.2);
  const { mean, variance } = tf.moments(v, [1, 2], true);
  const xh = tf.div(tf.sub(v, mean), tf.sqrt(tf.add(variance, 1e-8)));
  return tf.add(tf.mul(xh, tf.reshape(scale, [n, 1, 1, c])), tf.reshape(shift, [n, 1, 1, c]));
}

describe('styleEpilogue', () => {
  it('refuses inputs of the wrong shape, naming the input and the shape expected', async () => {
    await tf.setBackend('cpu');
    const y = tf.zeros([2, 3, 3, 4]) as tf.Tensor4D;
    expect(() => styleEpilogue(y, tf.zeros([2, 3, 3, 2]) as tf.Tensor4D, tf.zeros([4]) as tf.Tensor1D, tf.zeros([2, 4]) as tf.Tensor2D, tf.zeros([2, 4]) as tf.Tensor2D)).toThrow(/noise must be \[2 or 1, 3, 3, 1\]/);
    expect(() => styleEpilogue(y, tf.zeros([1, 3, 3, 1]) as tf.Tensor4D, tf.zeros([4]) as tf.Tensor1D, tf.zeros([1, 4]) as tf.Tensor2D, tf.zeros([2, 4]) as tf.Tensor2D)).toThrow(/scale must be \[2, 4\]/);
  });
});

const CASES = [
  { n: 3, h: 4, w: 6, c: 5, noiseN: 3 },
  { n: 3, h: 4, w: 6, c: 5, noiseN: 1 },
  { n: 1, h: 8, w: 8, c: 16, noiseN: 1 },
];

describe.runIf(nativeStatus().enabled)('styleEpilogue on native kernels matches the formula on cpu', () => {
  beforeAll(async () => {
    expect((await setup()).enabled).toBe(true);
  });

  it('gives exactly the shift on a channel of equal values (zero variance, as at the constant input), where the tfjs formula cancels two 1e4-sized terms', async () => {
    const [out] = await on('wasm', () =>
      styleEpilogue(tf.fill([2, 4, 4, 3], 0.7) as tf.Tensor4D, tf.zeros([1, 4, 4, 1]) as tf.Tensor4D, tf.zeros([3]) as tf.Tensor1D, tf.fill([2, 3], 1.3) as tf.Tensor2D, tf.tensor2d([0.1, -0.2, 0.3, 0.4, 0.5, -0.6], [2, 3])),
    );
    const want = new Float32Array([0.1, -0.2, 0.3, 0.4, 0.5, -0.6]);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBe(want[(i >= 48 ? 3 : 0) + (i % 3)]);
  });

  for (const k of CASES) {
    it(`values and gradients of every input, y [${k.n}, ${k.h}, ${k.w}, ${k.c}], noise batch ${k.noiseN}`, async () => {
      const run = (op: typeof plain) => () => {
        const y = tf.tensor(randn(k.n * k.h * k.w * k.c, 1).map((v) => v * 2 + 0.3), [k.n, k.h, k.w, k.c]) as tf.Tensor4D;
        const noise = tf.tensor(randn(k.noiseN * k.h * k.w, 2), [k.noiseN, k.h, k.w, 1]) as tf.Tensor4D;
        const nw = tf.tensor1d(randn(k.c, 3));
        const scale = tf.tensor2d(randn(k.n * k.c, 4).map((v) => v + 1), [k.n, k.c]);
        const shift = tf.tensor2d(randn(k.n * k.c, 5), [k.n, k.c]);
        const wts = tf.tensor(randn(k.n * k.h * k.w * k.c, 6), y.shape);
        const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor, e: tf.Tensor) =>
          tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D, c as tf.Tensor1D, d as tf.Tensor2D, e as tf.Tensor2D), wts)) as tf.Scalar;
        const { value, grads } = tf.valueAndGrads(f)([y, noise, nw, scale, shift]);
        return [op(y, noise, nw, scale, shift), value, ...grads];
      };
      const calls = nativeCallCount();
      const numTensors = tf.memory().numTensors;
      const got = await on('wasm', run(styleEpilogue));
      expect(tf.memory().numTensors).toBe(numTensors);
      expect(nativeCallCount()).toBeGreaterThanOrEqual(calls + 3); // forward twice, backward once
      const want = await on('cpu', run(plain));
      const names = ['out', 'value', 'dy', 'dnoise', 'dnoiseWeight', 'dscale', 'dshift'];
      for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3), names[i]).toBeLessThan(TOL);
      // and the tfjs-ops path (no native kernel on cpu) against the same reference
      const composite = await on('cpu', run(styleEpilogue));
      for (let i = 0; i < want.length; i++) expect(maxRelDiff(composite[i], want[i], 1e-3), `composite ${names[i]}`).toBeLessThan(TOL);
    });
  }
});
