import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { maxRelDiff } from '@ganseg/test-util';
import { sgdMomentumStep } from './sgd-momentum-step.js';
import { nativeStatus } from './native-status.js';
import { nativeCallCount } from './register-native-kernels.js';
import { randn, setup } from './_test_util.js';

/** PyTorch's rule written out in plain JS (float64). */
function reference(w: Float32Array, m: Float32Array, g: Float32Array, lr: number, mu: number, wd: number) {
  const mo = new Float32Array(w.length);
  const wo = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    mo[i] = mu * m[i] + g[i] + wd * w[i];
    wo[i] = w[i] - lr * mo[i];
  }
  return { wo, mo };
}

describe('sgdMomentumStep', () => {
  for (const backend of ['cpu', ...(nativeStatus().enabled ? ['wasm'] : [])] as const) {
    it(`follows PyTorch's rule on ${backend}${backend === 'wasm' ? ' (native kernel)' : ''}, big and small tensors, no leaks`, async () => {
      if (backend === 'wasm') await setup();
      else await tf.setBackend('cpu');
      for (const n of [7, 300_001]) {
        const [w, m, g] = [randn(n, 1), randn(n, 2), randn(n, 3)];
        const { wo, mo } = reference(w, m, g, 0.01, 0.9, 1e-4);
        const before = tf.memory().numTensors;
        const calls = nativeCallCount();
        const t = [tf.tensor(w), tf.tensor(m), tf.tensor(g)];
        const out = sgdMomentumStep(t[0], t[1], t[2], { lr: 0.01, momentum: 0.9, wd: 1e-4 });
        expect(maxRelDiff(out.w.dataSync() as Float32Array, wo, 1e-3)).toBeLessThan(1e-6);
        expect(maxRelDiff(out.m.dataSync() as Float32Array, mo, 1e-3)).toBeLessThan(1e-6);
        if (backend === 'wasm') expect(nativeCallCount()).toBe(calls + 1);
        tf.dispose([...t, out.w, out.m]);
        expect(tf.memory().numTensors).toBe(before);
      }
    });
  }
  it('refuses mismatched sizes', async () => {
    await tf.setBackend('cpu');
    expect(() => sgdMomentumStep(tf.zeros([3]), tf.zeros([3]), tf.zeros([4]), { lr: 1, momentum: 0 })).toThrow(/sizes differ/);
  });
});

beforeAll(async () => {
  await tf.ready();
});
