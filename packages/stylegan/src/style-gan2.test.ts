import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN } from './style-gan.js';
import { createConfig } from './create-config.js';
import { weightSpec } from './weight-spec.js';
import { noiseFromSeed } from './noise-from-seed.js';
import { latentFromSeed } from './latent-from-seed.js';
import { saveGenerator } from './save-generator.js';
import { loadGenerator } from './load-generator.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { leakTest, parityTests, checkGradients } from './_test_parity.js';

// StyleGAN2 against the float64 PyTorch reference tools/stylegan2-ref/stylegan2_ref.py (fused
// per-sample kernels, transposed-conv + FIR upsampling): fixtures from make_fixtures.py there.
const TOL = 1e-4;

beforeAll(async () => {
  await initBackend();
});

describe.each(['sg2-res32', 'sg2-res16'])('StyleGAN2 matches the PyTorch reference (%s)', (name) => {
  const { fx, gen } = parityTests(name, TOL);

  it('is a StyleGAN2 generator', () => {
    expect(gen().config.architecture).toBe('stylegan2');
  });

  it('gradients in W+ and the noise match the reference autograd within 1e-3 relative', () => {
    checkGradients(fx, gen());
  });
});

describe('StyleGAN2 semantics', () => {
  const cfg = createConfig({ architecture: 'stylegan2', resolution: 16, latentSize: 16, dlatentSize: 16, mappingLayers: 2, mappingFmaps: 16, fmapBase: 64, fmapMax: 16 });

  it('config-f defaults: widths 512 to 32 at 1024 px, 18 styles, 17 noise inputs, all layers truncated by default', () => {
    const f = createConfig({ architecture: 'stylegan2' });
    expect(f.fmapBase).toBe(16384);
    const spec = weightSpec(f);
    expect(spec.find((e) => e.name === 'G_synthesis/64x64/Conv1/weight')?.shape).toEqual([3, 3, 512, 512]);
    expect(spec.find((e) => e.name === 'G_synthesis/1024x1024/Conv0_up/weight')?.shape).toEqual([3, 3, 64, 32]);
    expect(spec.find((e) => e.name === 'G_synthesis/1024x1024/ToRGB/weight')?.shape).toEqual([1, 1, 32, 3]);
    expect(spec.filter((e) => /noise\d+$/.test(e.name)).length).toBe(17);
    expect(spec.find((e) => e.name === 'G_synthesis/8x8/Conv1/noise_strength')?.shape).toEqual([]);
    expect(noiseFromSeed(cfg, 0).map((t) => t.shape[1])).toEqual([4, 8, 8, 16, 16]);
    const gen = StyleGAN.random(cfg, 1);
    expect(gen.numLayers).toBe(6);
    const w = tf.randomNormal([1, 16]) as tf.Tensor2D;
    const wp = gen.truncate(w, 0);
    const avg = gen.weights.dlatent_avg;
    expect(tf.max(tf.abs(tf.sub(wp, avg))).dataSync()[0]).toBe(0); // psi 0: every layer is the average
    tf.dispose([w, wp]);
    gen.dispose();
  });

  it('4 px (the const, one conv and one ToRGB) runs; 2 px is refused', () => {
    const c4 = createConfig({ architecture: 'stylegan2', resolution: 4, latentSize: 8, dlatentSize: 8, mappingLayers: 1, mappingFmaps: 8, fmapBase: 16, fmapMax: 8 });
    const gen = StyleGAN.random(c4, 2);
    expect(gen.numLayers).toBe(2);
    expect(gen.activationNames()).toEqual(['4x4/Const', '4x4/Conv', '4x4', 'image']);
    const z = tf.tensor2d(latentFromSeed(1, 8), [1, 8]);
    const out = gen.generate({ z, capture: ['4x4'] });
    expect(out.image.shape).toEqual([1, 4, 4, 3]);
    expect(out.activations['4x4'].shape).toEqual([1, 4, 4, 8]);
    tf.dispose([z, out.image, out.wplus, ...Object.values(out.activations)]);
    gen.dispose();
    expect(() => createConfig({ architecture: 'stylegan2', resolution: 2 })).toThrow(/power of two from 4 to 1024/);
  });

  it('v1 configs are unchanged: no architecture key, v2-only keys refused', () => {
    expect(Object.keys(createConfig())).not.toContain('architecture');
    expect(() => createConfig({ convClamp: 256 })).toThrow(/only StyleGAN2/);
    expect(() => createConfig({ architecture: 'stylegan3' as 'stylegan2' })).toThrow(/architecture/);
  });

  it('random follows the official StyleGAN2 init: const N(0, 1), biases, mod biases and noise strengths 0', () => {
    const a = StyleGAN.random(cfg, 5);
    const c = Array.from(a.weights['G_synthesis/4x4/Const/const'].dataSync());
    expect(c.some((v) => v !== 1 && v !== 0)).toBe(true);
    for (const n of ['G_synthesis/8x8/Conv1/bias', 'G_synthesis/8x8/Conv1/mod_bias', 'G_synthesis/8x8/Conv1/noise_strength', 'G_synthesis/8x8/ToRGB/mod_bias']) {
      expect(Array.from(a.weights[n].dataSync()).every((v) => v === 0), n).toBe(true);
    }
    expect(Object.keys(a.weights)).toEqual(weightSpec(cfg).map((e) => e.name));
    a.dispose();
  });

  it('saveGenerator / loadGenerator round-trip a StyleGAN2 generator: same config, weights and image', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg2-save-'));
    try {
      const a = StyleGAN.random(createConfig({ ...cfg, convClamp: 3 }), 9);
      await saveGenerator(a, path.join(dir, 'g'));
      const b = await loadGenerator(path.join(dir, 'g'));
      expect(b.config).toEqual(a.config);
      const z = tf.tensor2d(latentFromSeed(3, 16), [1, 16]);
      const noise = noiseFromSeed(cfg, 3);
      const ia = a.generate({ z, noise, truncation: 0.8 });
      const ib = b.generate({ z, noise, truncation: 0.8 });
      expect(Array.from(ib.image.dataSync())).toEqual(Array.from(ia.image.dataSync()));
      tf.dispose([z, ...noise, ia.image, ia.wplus, ib.image, ib.wplus]);
      a.dispose();
      b.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('noise of the v1 count is refused, naming the count expected', () => {
    const gen = StyleGAN.random(cfg, 0);
    const wp = tf.zeros([1, gen.numLayers, 16]) as tf.Tensor3D;
    const v1noise = Array.from({ length: 6 }, (_, i) => tf.zeros([1, 4 << (i >> 1), 4 << (i >> 1), 1]) as tf.Tensor4D);
    expect(() => gen.synthesis(wp, { noise: v1noise })).toThrow(/noise must have 5 tensors/);
    tf.dispose([wp, ...v1noise]);
    gen.dispose();
  });

  leakTest(cfg, 50, ['4x4/Const', '8x8', '8x8/Conv1', 'image']);
});
