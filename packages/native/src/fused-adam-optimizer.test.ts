import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { maxRelDiff } from '@ganseg/test-util';
import { FusedAdamOptimizer } from './fused-adam-optimizer.js';
import { nativeStatus } from './native-status.js';
import { nativeCallCount } from './register-native-kernels.js';
import { randn, setup } from './_test_util.js';

const SIZES = [1, 7, 300_001]; // a scalar-like weight, a small one, one above the OpenMP threshold

/** Runs `steps` Adam steps on fresh weights with `opt` (gradients fixed per step), returns the weights and the optimizer's state. */
async function train(opt: tf.AdamOptimizer, steps: number, tag: string, owned = false): Promise<{ w: Float32Array[]; state: Array<{ name: string; data: Float32Array }> }> {
  // owned: each variable alone holds its buffer (the tensor it was made from is disposed), so the
  // native optimizer may update it in place; otherwise the tensor still shares it
  const vars = SIZES.map((n, i) => {
    const t = tf.tensor(randn(n, 10 + i));
    const v = tf.variable(t, true, `${tag}_w${i}`);
    if (owned) t.dispose();
    return v;
  });
  for (let k = 0; k < steps; k++) {
    const grads: tf.NamedTensorMap = {};
    SIZES.forEach((n, i) => (grads[vars[i].name] = tf.tensor(randn(n, 100 * k + i + 1))));
    opt.applyGradients(grads as unknown as Parameters<tf.AdamOptimizer['applyGradients']>[0]);
    tf.dispose(Object.values(grads));
  }
  const w = vars.map((v) => v.dataSync() as Float32Array);
  const weights = await opt.getWeights();
  const state = weights.map((s) => ({ name: s.name, data: s.tensor.dataSync() as Float32Array }));
  tf.dispose([vars, weights[0].tensor]); // the iteration count is a new tensor; the moments are the optimizer's
  return { w, state };
}

describe.runIf(nativeStatus().enabled)('FusedAdamOptimizer', () => {
  it('matches tf.train.adam over 5 steps (weights and moments within 1e-6), one native call a weight, then one a step in place, no more tensors left than tf.train.adam leaves', async () => {
    await setup();
    const before = tf.memory().numTensors;
    const stock = tf.train.adam(0.01, 0.5, 0.99, 1e-8);
    const ref = await train(stock, 5, 'stock');
    stock.dispose();
    const mid = tf.memory().numTensors; // tfjs's own Adam leaves one scalar per optimizer (4.22)
    const calls = nativeCallCount();
    const fused = new FusedAdamOptimizer(0.01, 0.5, 0.99, 1e-8);
    const got = await train(fused, 5, 'fused');
    // step 1: the variables share their buffers with the tensors they were made from (a call a
    // weight, new buffers); then they own them: one call a step, in place
    expect(nativeCallCount() - calls).toBe(SIZES.length + 4);
    got.w.forEach((w, i) => expect(maxRelDiff(w, ref.w[i], 1e-3)).toBeLessThan(1e-6));
    expect(got.state.map((s) => s.name.replace('fused', 'stock'))).toEqual(ref.state.map((s) => s.name));
    got.state.forEach((s, i) => expect(maxRelDiff(s.data, ref.state[i].data, 1e-3)).toBeLessThan(1e-6));
    fused.dispose();
    expect(tf.memory().numTensors - mid).toBe(mid - before);
  });

  it('updates weights that own their buffers in place, in one native call a step, with the same bits as the call-a-weight path', async () => {
    await setup();
    const shared = await train(new FusedAdamOptimizer(0.01, 0.5, 0.99, 1e-8), 5, 'sh');
    const b0 = tf.memory().numTensors;
    const stock = tf.train.adam(0.01, 0.5, 0.99, 1e-8);
    await train(stock, 5, 'so', true);
    stock.dispose();
    const stockLeft = tf.memory().numTensors - b0;
    const calls = nativeCallCount();
    const b1 = tf.memory().numTensors;
    const opt = new FusedAdamOptimizer(0.01, 0.5, 0.99, 1e-8);
    const owned = await train(opt, 5, 'own', true);
    expect(nativeCallCount() - calls).toBe(5);
    // the shared run took its first step a call a weight: the same bits as in place
    owned.w.forEach((w, i) => expect(w).toEqual(shared.w[i]));
    owned.state.slice(1).forEach((s, i) => expect(s.data).toEqual(shared.state[i + 1].data));
    opt.dispose();
    expect(tf.memory().numTensors - b1).toBe(stockLeft);
  }, 60_000);

  it("resumes from tf.train.adam's weights (and the reverse) as if it had never stopped", async () => {
    await setup();
    const straight = await train(tf.train.adam(0.02), 4, 'a');
    // 2 steps stock, state into a fused optimizer, 2 more; the weights carried by value.
    const stock = tf.train.adam(0.02);
    const vars = SIZES.map((n, i) => tf.variable(tf.tensor(randn(n, 10 + i)), true, `b_w${i}`));
    const step = (opt: tf.Optimizer, k: number) => {
      const grads: tf.NamedTensorMap = {};
      SIZES.forEach((n, i) => (grads[vars[i].name] = tf.tensor(randn(n, 100 * k + i + 1))));
      opt.applyGradients(grads as unknown as Parameters<tf.Optimizer['applyGradients']>[0]);
      tf.dispose(Object.values(grads));
    };
    step(stock, 0);
    step(stock, 1);
    const fused = new FusedAdamOptimizer(0.02);
    await fused.setWeights(await stock.getWeights());
    step(fused, 2);
    step(fused, 3);
    vars.forEach((v, i) => expect(maxRelDiff(v.dataSync() as Float32Array, straight.w[i], 1e-3)).toBeLessThan(1e-6));
    expect(fused.iterations).toBe(4);
    tf.dispose(vars);
    stock.dispose();
    fused.dispose();
  });

  it('falls back to tfjs on the cpu backend (no native call) with the same result', async () => {
    await tf.setBackend('cpu');
    const calls = nativeCallCount();
    const ref = await train(tf.train.adam(0.01), 2, 'c');
    const got = await train(new FusedAdamOptimizer(0.01), 2, 'd');
    expect(nativeCallCount()).toBe(calls);
    got.w.forEach((w, i) => expect(maxRelDiff(w, ref.w[i], 1e-3)).toBeLessThan(1e-7));
  });
});
