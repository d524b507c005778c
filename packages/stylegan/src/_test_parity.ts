// Test helper (not built): the parity checks every generator fixture gets (v1 from
// tools/stylegan-ref, v2 from tools/stylegan2-ref), so both versions are held to the same bar.
import { beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadGenerator } from './load-generator.js';
import { StyleGAN } from './style-gan.js';
import type { StyleGANConfig } from './create-config.js';
import { latentFromSeed } from './latent-from-seed.js';
import { noiseFromSeed } from './noise-from-seed.js';
import { maxAbsDiff, readFixture, type Fixture } from './_test_fixtures.js';

/** The fixture's noise maps (`prefix` 'noise' or 'grad_dN'): numNoise of them (v1: numLayers). */
export function fixtureNoise(fx: Fixture, prefix: string): tf.Tensor4D[] {
  const n = (fx.index as { numNoise?: number }).numNoise ?? fx.index.numLayers;
  return Array.from({ length: n }, (_, i) => fx.tensor<tf.Tensor4D>(`${prefix}${i}`));
}

/**
 * Directional derivatives of mean(image * R) along the fixture's dW and dN, by tf.grads, against
 * the reference's; also checks that no tensor leaks.
 */
export function checkGradients(fx: Fixture, gen: StyleGAN): void {
  const wplus = fx.tensor<tf.Tensor3D>('wplus');
  const noise = fixtureNoise(fx, 'noise');
  const R = fx.tensor<tf.Tensor4D>('grad_R');
  const dW = fx.tensor<tf.Tensor3D>('grad_dW');
  const dN = fixtureNoise(fx, 'grad_dN');
  const [ddW, ddN] = fx.array('grad_dd').data;
  const g = tf.grads((wp: tf.Tensor, ...nz: tf.Tensor[]) => tf.mean(tf.mul(gen.synthesis(wp as tf.Tensor3D, { noise: nz as tf.Tensor4D[] }).image, R)));
  const before = tf.memory().numTensors;
  const [gW, ...gN] = g([wplus, ...noise]);
  const dd = tf.tidy(() => tf.stack([tf.sum(tf.mul(gW, dW)), tf.addN(gN.map((t, i) => tf.sum(tf.mul(t, dN[i]))))]));
  const [aW, aN] = dd.dataSync();
  tf.dispose([dd, gW, ...gN]);
  expect(tf.memory().numTensors).toBe(before);
  expect(Math.abs(ddW)).toBeGreaterThan(1e-3);
  expect(Math.abs(ddN)).toBeGreaterThan(1e-3);
  expect(Math.abs(aW - ddW)).toBeLessThan(1e-3 * Math.abs(ddW) + 1e-6);
  expect(Math.abs(aN - ddN)).toBeLessThan(1e-3 * Math.abs(ddN) + 1e-6);
  tf.dispose([wplus, R, dW, ...dN, ...noise]);
}

/**
 * Registers (inside a describe) the forward parity tests of one fixture within `tol` max absolute
 * error: mapping, truncation, every activation, the stored noise, mixing. Returns the fixture and
 * a getter for the loaded generator.
 */
export function parityTests(name: string, tol: number): { fx: Fixture; gen: () => StyleGAN } {
  const fx = readFixture(name);
  let gen: StyleGAN;
  beforeAll(async () => {
    gen = await loadGenerator(fx.dir);
  });

  it('runs on the wasm backend', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(gen.numLayers).toBe(fx.index.numLayers);
  });

  it('mapping and truncation', () => {
    const z = fx.tensor<tf.Tensor2D>('z');
    const w = gen.mapping(z);
    expect(maxAbsDiff(w, fx.array('w'))).toBeLessThan(tol);
    const wplus = gen.truncate(w, fx.index.psi, fx.index.cutoff);
    expect(maxAbsDiff(wplus, fx.array('wplus'))).toBeLessThan(tol);
    tf.dispose([z, w, wplus]);
  });

  it(`synthesis: image and every activation within ${tol}`, () => {
    const wplus = fx.tensor<tf.Tensor3D>('wplus');
    const noise = fixtureNoise(fx, 'noise');
    const names = gen.activationNames();
    expect(names).toEqual(fx.index.activationNames.sort((a, b) => names.indexOf(a) - names.indexOf(b)));
    expect(new Set(names)).toEqual(new Set(fx.index.activationNames));
    const before = tf.memory().numTensors;
    const { image, activations } = gen.synthesis(wplus, { noise, capture: names });
    expect(tf.memory().numTensors).toBe(before + 1 + names.length);
    expect(maxAbsDiff(image, fx.array('act/image'))).toBeLessThan(tol);
    for (const n of names) {
      const d = maxAbsDiff(activations[n], fx.array(`act/${n}`));
      expect(d, n).toBeLessThan(tol);
    }
    tf.dispose([wplus, image, ...noise, ...Object.values(activations)]);
  });

  it('synthesis with the stored noise buffers', () => {
    const wplus = fx.tensor<tf.Tensor3D>('wplus');
    const { image, activations } = gen.synthesis(wplus);
    expect(Object.keys(activations)).toEqual([]);
    expect(maxAbsDiff(image, fx.array('image_stored_noise'))).toBeLessThan(tol);
    tf.dispose([wplus, image]);
  });

  it('generate with style mixing and truncation', () => {
    const z = fx.tensor<tf.Tensor2D>('z');
    const mixZ = fx.tensor<tf.Tensor2D>('mix_z');
    const noise = fixtureNoise(fx, 'noise');
    const out = gen.generate({ z, mixZ, mixLayer: fx.index.mixLayer, truncation: fx.index.psi, cutoff: fx.index.cutoff, noise });
    expect(maxAbsDiff(out.wplus, fx.array('wplus_mix'))).toBeLessThan(tol);
    expect(maxAbsDiff(out.image, fx.array('image_mix'))).toBeLessThan(tol);
    tf.dispose([z, mixZ, out.image, out.wplus, ...noise]);
  });
  return { fx, gen: () => gen };
}

/** The test that `count` generations of a random `cfg` generator (with capture and mixing) leak no tensor. */
export function leakTest(cfg: StyleGANConfig, count: number, capture: string[]): void {
  it(`no tensor leaks: numTensors unchanged after generating ${count} small images`, () => {
    const gen = StyleGAN.random(cfg, 0);
    const before = tf.memory().numTensors;
    for (let i = 0; i < count; i++) {
      const z = tf.tensor2d(latentFromSeed(i, cfg.latentSize), [1, cfg.latentSize]);
      const noise = noiseFromSeed(cfg, i);
      const out = gen.generate({ z, truncation: 0.7, noise, capture, mixZ: z, mixLayer: 3 });
      tf.dispose([z, out.image, out.wplus, ...Object.values(out.activations), ...noise]);
    }
    expect(tf.memory().numTensors).toBe(before);
    gen.dispose();
  }, 60_000); // about 2 s alone; 7 s measured with two training jobs sharing the cores
}
