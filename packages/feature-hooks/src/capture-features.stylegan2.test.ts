// Issue 19: a real StyleGAN2 generator (@ganseg/stylegan, architecture 'stylegan2') goes through
// feature capture unchanged: every name resolveFeatureSpec knows is one the generator captures,
// with the shapes the spec predicts, and estimateFeatureMemory counts what is captured.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN, createConfig } from '@ganseg/stylegan';
import { captureFeatures } from './capture-features.js';
import { estimateFeatureMemory } from './estimate-feature-memory.js';
import { resolveFeatureSpec } from './resolve-feature-spec.js';

beforeAll(async () => {
  await initBackend();
});

describe('feature capture on a StyleGAN2 generator', () => {
  it('default (every block), inner layers and bilinear: shapes as resolved, memory as estimated, no leak', () => {
    const gen = StyleGAN.random(createConfig({ architecture: 'stylegan2', resolution: 32, latentSize: 16, dlatentSize: 16, mappingLayers: 2, mappingFmaps: 16, fmapBase: 128, fmapMax: 32 }), 4);
    const before = tf.memory().numTensors;
    const wplus = tf.tidy(() => gen.truncate(gen.mapping(tf.randomNormal([2, 16], 0, 1, 'float32', 3)), 0.7));
    for (const spec of [{}, { layers: ['4x4/Const', '4x4/Conv', '8x8/Conv0_up', '16x16', 'image'] }, { resize: 'bilinear' as const, size: 16 }]) {
      const r = resolveFeatureSpec(gen.config, spec);
      for (const l of r.layers) expect(gen.activationNames()).toContain(l);
      const { image, maps } = captureFeatures(gen, wplus, spec);
      expect(maps.map((m) => m.shape.slice(1))).toEqual(r.shapes);
      const values = maps.reduce((s, m) => s + m.size, 0) / 2;
      expect(estimateFeatureMemory(gen.config, spec, 1).valuesPerSample).toBe(values);
      for (const m of maps) expect(Number.isFinite(tf.tidy(() => tf.sum(tf.abs(m)).dataSync()[0]))).toBe(true);
      tf.dispose([image, ...maps]);
    }
    wplus.dispose();
    expect(tf.memory().numTensors).toBe(before);
    gen.dispose();
  });
});
