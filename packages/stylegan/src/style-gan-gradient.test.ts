import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { loadGenerator } from './load-generator.js';
import { readFixture } from './_test_fixtures.js';
import { checkGradients } from './_test_parity.js';
import { StyleGAN } from './style-gan.js';
import { createConfig } from './create-config.js';

// Embedding (latent optimisation) needs gradients of synthesis with respect to W+ and the noise.
// Expected: directional derivatives of loss = mean(image * R) along dW and dN, from central
// differences of the float64 NumPy reference (tools/stylegan-ref/make_fixtures.py).
beforeAll(async () => {
  await initBackend();
});

describe.each(['res32-fused16', 'res16'])('synthesis gradients match the reference (%s, wasm)', (name) => {
  it('d loss / d W+ and d loss / d noise along random directions, within 1e-3 relative', async () => {
    const fx = readFixture(name);
    const gen = await loadGenerator(fx.dir);
    checkGradients(fx, gen);
    gen.dispose();
  });
});

describe('training through fromWeights (wasm)', () => {
  it('a generator built from tf.Variables inside variableGrads passes a finite, non-zero gradient to every trainable weight', async () => {
    const fx = readFixture('res16');
    const src = await loadGenerator(fx.dir);
    const vars: Record<string, tf.Variable> = {};
    for (const [n, t] of Object.entries(src.weights)) vars[n] = tf.variable(t, true, `sg-grad-test/${n}`);
    src.dispose();
    const trainable = Object.keys(vars).filter((n) => n !== 'dlatent_avg' && !n.startsWith('G_synthesis/noise'));
    const z = fx.tensor<tf.Tensor2D>('z');
    const R = fx.tensor<tf.Tensor4D>('grad_R');
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => {
      const g = StyleGAN.fromWeights(createConfig(fx.index.config), vars);
      const out = g.generate({ z, truncation: 0.7 });
      return tf.mean(tf.mul(out.image, R)) as tf.Scalar;
    }, trainable.map((n) => vars[n]));
    for (const n of trainable) {
      const norm = tf.tidy(() => tf.sum(tf.abs(grads[`sg-grad-test/${n}`])).dataSync()[0]);
      expect(Number.isFinite(norm) && norm > 0, n).toBe(true);
    }
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([z, R, ...Object.values(vars)]);
  });
});
