import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './init-backend.js';
import { createRng } from './create-rng.js';
import { _installSharingClone } from './_sharing-clone.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});
afterAll(() => _installSharingClone(true));

/** A loss with an R1-style second-order term: the weight gradient of |d out / d x|^2 + out. */
function grads(): { values: Float32Array[]; tensorsAfter: number; identityCalls: number } {
  const engine = tf.engine() as unknown as { runKernel(name: string, ...rest: unknown[]): unknown };
  const runKernel = engine.runKernel;
  let identityCalls = 0;
  engine.runKernel = function (name: string, ...rest: unknown[]) {
    if (name === 'Identity') identityCalls++;
    return runKernel.call(this, name, ...rest);
  };
  try {
    return { ..._grads(), identityCalls };
  } finally {
    engine.runKernel = runKernel;
  }
}

function _grads(): { values: Float32Array[]; tensorsAfter: number } {
  const rng = createRng(3);
  const x = tf.tensor4d(rng.normalArray(2 * 8 * 8 * 3), [2, 8, 8, 3]);
  const w1 = tf.variable(tf.tensor4d(rng.normalArray(3 * 3 * 3 * 4), [3, 3, 3, 4]), true, `sc-w1-${Math.random()}`);
  const w2 = tf.variable(tf.tensor2d(rng.normalArray(4 * 8 * 8), [4 * 8 * 8, 1]), true, `sc-w2-${Math.random()}`);
  const f = (inp: tf.Tensor) => tf.matMul(tf.reshape(tf.tanh(tf.conv2d(inp as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'same')), [2, -1]), w2 as tf.Tensor2D);
  const before = tf.memory().numTensors;
  const { value, grads: g } = tf.variableGrads(() => {
    const dx = tf.grad((inp: tf.Tensor) => tf.sum(f(inp)))(x);
    return tf.add(tf.sum(tf.square(dx)), tf.sum(f(x))) as tf.Scalar;
  }, [w1, w2]);
  const values = [value, g[w1.name], g[w2.name]].map((t) => t.dataSync() as Float32Array);
  tf.dispose([value, ...Object.values(g)]);
  const tensorsAfter = tf.memory().numTensors - before;
  tf.dispose([x, w1, w2]);
  return { values, tensorsAfter };
}

describe('_installSharingClone', () => {
  it("gives tfjs's first and second derivatives bit for bit, with no tensor left over", () => {
    _installSharingClone(false);
    const stock = grads();
    _installSharingClone(true);
    const sharing = grads();
    expect(sharing.values).toEqual(stock.values);
    expect(sharing.values[1].some((v) => v !== 0)).toBe(true);
    expect(sharing.tensorsAfter).toBe(0);
    // tfjs's clone dispatches an Identity kernel for every saved tensor; this one none
    expect(stock.identityCalls).toBeGreaterThan(5);
    expect(sharing.identityCalls).toBe(0);
    expect(stock.tensorsAfter).toBe(0);
  });

  it('shares the buffer (no kernel call) and keeps it alive after the original is disposed', () => {
    _installSharingClone(true);
    const x = tf.tensor1d([1, 2, 3]);
    const calls = tf.memory().numDataBuffers;
    // as the engine calls it: inside a scope, while a tape records
    const engine = tf.engine() as unknown as { clone(t: tf.Tensor): tf.Tensor; startTape(): void; endTape(): void };
    const y = tf.tidy(() => {
      engine.startTape();
      try {
        return engine.clone(x);
      } finally {
        engine.endTape();
      }
    });
    expect(y.dataId).toBe(x.dataId);
    expect(tf.memory().numDataBuffers).toBe(calls);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
  });
});
