import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { loadGenerator } from './load-generator.js';
import { StyleGAN } from './style-gan.js';
import { createConfig } from './create-config.js';
import { weightSpec } from './weight-spec.js';
import { noiseFromSeed } from './noise-from-seed.js';
import { latentFromSeed } from './latent-from-seed.js';
import { readFixture } from './_test_fixtures.js';
import { leakTest, parityTests } from './_test_parity.js';

const TOL = 1e-4;

beforeAll(async () => {
  await initBackend();
});

describe.each(['res32-fused16', 'res16'])('StyleGAN matches the NumPy reference (%s)', (name) => {
  parityTests(name, TOL);
});

describe('StyleGAN semantics', () => {
  const cfg = createConfig({ resolution: 16, latentSize: 16, dlatentSize: 16, mappingLayers: 2, mappingFmaps: 16, fmapBase: 64, fmapMax: 16 });

  it('truncation: psi 0 gives dlatent_avg below the cutoff and w above it; psi 1 is the identity', () => {
    const fx = readFixture('res16');
    return loadGenerator(fx.dir).then((gen) => {
      const z = fx.tensor<tf.Tensor2D>('z');
      const w = gen.mapping(z);
      const wp0 = gen.truncate(w, 0, 3);
      const wp1 = gen.truncate(w, 1);
      const avg = gen.weights.dlatent_avg.arraySync() as number[];
      const wa = w.arraySync();
      const a0 = wp0.arraySync();
      const a1 = wp1.arraySync();
      for (let n = 0; n < 2; n++) {
        for (let l = 0; l < gen.numLayers; l++) {
          const want = l < 3 ? avg : wa[n];
          for (let d = 0; d < want.length; d++) {
            expect(a0[n][l][d]).toBeCloseTo(want[d], 5);
            expect(a1[n][l][d]).toBe(wa[n][d]);
          }
        }
      }
      tf.dispose([z, w, wp0, wp1]);
      gen.dispose();
    });
  });

  it('mixing: layers < mixLayer follow z, the rest follow mixZ', () => {
    const gen = StyleGAN.random(cfg, 3);
    const z = tf.tensor2d(latentFromSeed(1, 16), [1, 16]);
    const z2 = tf.tensor2d(latentFromSeed(2, 16), [1, 16]);
    const w1 = gen.mapping(z).arraySync()[0];
    const w2 = gen.mapping(z2).arraySync()[0];
    const out = gen.generate({ z, mixZ: z2, mixLayer: 2 });
    const wp = out.wplus.arraySync()[0];
    for (let l = 0; l < gen.numLayers; l++) expect(wp[l]).toEqual(l < 2 ? w1 : w2);
    // mixLayer = numLayers is the same image as no mixing
    const noise = noiseFromSeed(cfg, 0);
    const a = gen.generate({ z, noise });
    const b = gen.generate({ z, noise, mixZ: z2, mixLayer: gen.numLayers });
    expect(tf.max(tf.abs(tf.sub(a.image, b.image))).dataSync()[0]).toBe(0);
    const c = gen.generate({ z, noise, mixZ: z2, mixLayer: 1 });
    expect(tf.max(tf.abs(tf.sub(a.image, c.image))).dataSync()[0]).toBeGreaterThan(1e-3);
    tf.dispose([z, z2, out.image, out.wplus, a.image, a.wplus, b.image, b.wplus, c.image, c.wplus, ...noise]);
    gen.dispose();
  });

  it('random is deterministic in the seed and follows the official init', () => {
    const a = StyleGAN.random(cfg, 5);
    const b = StyleGAN.random(cfg, 5);
    const c = StyleGAN.random(cfg, 6);
    const name = 'G_synthesis/8x8/Conv1/weight';
    expect(Array.from(a.weights[name].dataSync())).toEqual(Array.from(b.weights[name].dataSync()));
    expect(Array.from(a.weights[name].dataSync())).not.toEqual(Array.from(c.weights[name].dataSync()));
    expect(Array.from(a.weights['G_synthesis/4x4/Const/const'].dataSync()).every((v) => v === 1)).toBe(true);
    expect(Array.from(a.weights['G_synthesis/8x8/Conv1/bias'].dataSync()).every((v) => v === 0)).toBe(true);
    const m = Array.from(a.weights['G_mapping/Dense0/weight'].dataSync() as Float32Array);
    const std = Math.sqrt(m.reduce((s, v) => s + v * v, 0) / m.length);
    expect(std).toBeGreaterThan(80); // N(0, 1/lrmul) = N(0, 100)
    expect(std).toBeLessThan(120);
    expect(Object.keys(a.weights)).toEqual(weightSpec(cfg).map((e) => e.name));
    [a, b, c].forEach((g) => g.dispose());
  });

  it('fromWeights: clones by default; with share it uses the caller\'s tensors, draws the same image, and its dispose leaves them', () => {
    const src = StyleGAN.random(cfg, 9);
    const z = tf.tensor2d(latentFromSeed(3, 16), [1, 16]);
    const noise = noiseFromSeed(cfg, 3);
    const before = tf.memory().numTensors;
    const cloned = StyleGAN.fromWeights(cfg, src.weights);
    const shared = StyleGAN.fromWeights(cfg, src.weights, undefined, true);
    const name = 'G_synthesis/8x8/Conv1/weight';
    expect(cloned.weights[name]).not.toBe(src.weights[name]);
    expect(shared.weights[name]).toBe(src.weights[name]);
    const a = cloned.generate({ z, noise });
    const b = shared.generate({ z, noise });
    expect(b.image.dataSync()).toEqual(a.image.dataSync());
    tf.dispose([a.image, a.wplus, b.image, b.wplus, ...Object.values(a.activations), ...Object.values(b.activations)]);
    cloned.dispose();
    shared.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(src.weights[name].isDisposed).toBe(false);
    src.dispose();
    tf.dispose([z, ...noise]);
  });

  it('unknown capture names and bad shapes are errors naming what is expected', () => {
    const gen = StyleGAN.random(cfg, 0);
    const wp = tf.zeros([1, gen.numLayers, 16]) as tf.Tensor3D;
    expect(() => gen.synthesis(wp, { capture: ['5x5'] })).toThrow(/unknown activation "5x5".*4x4\/Const/);
    expect(() => gen.synthesis(tf.zeros([1, 3, 16]) as tf.Tensor3D)).toThrow(/wplus must be \[N, 6, 16\]/);
    expect(() => gen.synthesis(wp, { noise: noiseFromSeed(cfg, 0).slice(1) })).toThrow(/noise must have 6/);
    wp.dispose();
    gen.dispose();
  });

  leakTest(cfg, 100, ['8x8', '8x8/Conv1', 'image']);
});
