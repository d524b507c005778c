import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { maxRelDiff } from '@ganseg/test-util';
import { createRng } from './create-rng.js';
import { initBackend } from './init-backend.js';
import { SgdMomentumOptimizer } from './sgd-momentum-optimizer.js';

/** Five steps of `opt` on a quadratic in two variables; their values after each step. */
function run(opt: tf.Optimizer, prefix: string, lrs: number[]): Float32Array[] {
  const r = createRng(3);
  const a = tf.variable(tf.tensor(r.normalArray(12), [3, 4]), true, `${prefix}/a`);
  const b = tf.variable(tf.tensor(r.normalArray(5), [5]), true, `${prefix}/b`);
  const target = tf.tensor(r.normalArray(12), [3, 4]);
  const out: Float32Array[] = [];
  for (const lr of lrs) {
    (opt as unknown as { setLearningRate(lr: number): void }).setLearningRate(lr);
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.add(tf.sum(tf.square(tf.sub(tf.mul(a, 2), target))), tf.sum(tf.pow(b, 4))) as tf.Scalar);
      opt.applyGradients(grads);
    });
    out.push(Float32Array.from([...a.dataSync(), ...b.dataSync()]));
  }
  tf.dispose([a, b, target]);
  return out;
}

describe('SgdMomentumOptimizer', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("follows tf.train.momentum within 1e-5 (weight decay 0), learning rate changed between steps", () => {
    const lrs = [0.01, 0.008, 0.006, 0.004, 0.002];
    const ref = tf.train.momentum(0.01, 0.9);
    const want = run(ref, 'ref', lrs);
    const opt = new SgdMomentumOptimizer(0.01, 0.9);
    const got = run(opt, 'ours', lrs);
    for (let s = 0; s < lrs.length; s++) expect(maxRelDiff(got[s], want[s])).toBeLessThan(1e-5);
    ref.dispose();
    opt.dispose();
  });

  it("adds weight decay to the gradient as PyTorch's SGD (float64 reference), and frees every tensor it made", () => {
    const before = tf.memory().numTensors;
    const w0 = [0.5, -1.5, 2];
    const g = [0.1, 0.2, -0.3];
    const v = tf.tidy(() => tf.variable(tf.tensor1d(w0), true, 'wd/v'));
    const opt = new SgdMomentumOptimizer(0.1, 0.9, 0.01);
    let w = [...w0];
    let buf = [0, 0, 0];
    for (let s = 0; s < 3; s++) {
      tf.tidy(() => opt.applyGradients({ 'wd/v': tf.tensor1d(g) }));
      buf = buf.map((m, i) => 0.9 * m + g[i] + 0.01 * w[i]);
      w = w.map((x, i) => x - 0.1 * buf[i]);
    }
    expect(maxRelDiff(v.dataSync(), w)).toBeLessThan(1e-6);
    expect(maxRelDiff(opt.buffer(v).dataSync(), buf)).toBeLessThan(1e-6);
    expect(opt.iterations).toBe(3);
    opt.dispose();
    v.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('starts a buffer from saved values, and round-trips its weights', async () => {
    const v = tf.variable(tf.tensor1d([1, 2]), true, 'init/v');
    const opt = new SgdMomentumOptimizer(1, 0.5);
    expect(() => opt.buffer(v, Float32Array.of(1))).toThrow(/1 initial momentum values for init\/v, which has 2/);
    opt.buffer(v, Float32Array.of(2, 4));
    tf.tidy(() => opt.applyGradients([{ name: 'init/v', tensor: tf.tensor1d([0, 0]) }]));
    expect(Array.from(v.dataSync())).toEqual([0, 0]); // buf = 0.5 [2, 4] = [1, 2]; w -= 1 buf
    const saved = await opt.getWeights();
    expect(saved.map((s) => s.name)).toEqual(['iter', 'init/v/momentum']);
    const other = new SgdMomentumOptimizer(1, 0.5);
    await other.setWeights(saved.map((s) => ({ name: s.name, tensor: s.tensor.clone() })));
    expect(Array.from(other.buffer(v).dataSync())).toEqual([1, 2]);
    expect(other.iterations).toBe(1);
    tf.dispose(saved[0].tensor);
    opt.dispose();
    other.dispose();
    v.dispose();
  });
});
