// Issue 19: the LSUN Car layout. Features of a generator with config.crop are the uncropped
// generator's features, resized to the common size, with the crop's rows (scaled to that size)
// dropped; the image is the cropped image. Native capture and fractional rows are refused.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN, createConfig } from '@ganseg/stylegan';
import { captureFeatures } from './capture-features.js';
import { estimateFeatureMemory } from './estimate-feature-memory.js';
import { FeatureSpecError } from './feature-spec-error.js';
import { resolveFeatureSpec } from './resolve-feature-spec.js';

beforeAll(async () => {
  await initBackend();
});

const TINY2 = { architecture: 'stylegan2' as const, resolution: 32, latentSize: 16, dlatentSize: 16, mappingLayers: 2, mappingFmaps: 16, fmapBase: 128, fmapMax: 32 };

describe('feature capture on a cropped generator', () => {
  it('crop 4/4 of 32: features equal the uncropped ones cropped at the common size (32: rows 4..27, 16: rows 2..13)', () => {
    const full = StyleGAN.random(createConfig(TINY2), 4);
    const cropped = StyleGAN.random(createConfig({ ...TINY2, crop: { top: 4, bottom: 4 } }), 4);
    const before = tf.memory().numTensors;
    const wplus = tf.tidy(() => full.truncate(full.mapping(tf.randomNormal([2, 16], 0, 1, 'float32', 3)), 0.7));
    for (const [size, t] of [[32, 4], [16, 2]]) {
      const spec = { layers: ['4x4', '8x8/Conv0_up', '16x16', '32x32'], resize: 'bilinear' as const, size };
      const a = captureFeatures(full, wplus, spec);
      const b = captureFeatures(cropped, wplus, spec);
      const r = resolveFeatureSpec(cropped.config, spec);
      expect(r.crop).toEqual({ top: t, bottom: t });
      expect(b.maps.map((m) => m.shape.slice(1))).toEqual(r.shapes);
      const [n, h, w, c] = a.maps[0].shape;
      expect(b.maps[0].shape).toEqual([n, h - 2 * t, w, c]);
      const rows = tf.slice(a.maps[0], [0, t, 0, 0], [n, h - 2 * t, w, c]);
      expect(Array.from(b.maps[0].dataSync())).toEqual(Array.from(rows.dataSync()));
      const img = tf.slice(a.image, [0, 4, 0, 0], [2, 24, 32, 3]);
      expect(Array.from(b.image.dataSync())).toEqual(Array.from(img.dataSync()));
      expect(estimateFeatureMemory(cropped.config, spec, 1).valuesPerSample).toBe(b.maps[0].size / 2);
      tf.dispose([rows, img, a.image, b.image, ...a.maps, ...b.maps]);
    }
    wplus.dispose();
    expect(tf.memory().numTensors).toBe(before);
    full.dispose();
    cropped.dispose();
  });

  it('refuses native capture and a size that cuts rows, naming the spec key', () => {
    const config = createConfig({ ...TINY2, crop: { top: 4, bottom: 4 } });
    expect(() => resolveFeatureSpec(config, {})).toThrow(FeatureSpecError);
    expect(() => resolveFeatureSpec(config, {})).toThrow(/resize is "native"/);
    expect(() => resolveFeatureSpec(config, { resize: 'bilinear', size: 12 })).toThrow(/FeatureSpec.size 12/);
    expect(resolveFeatureSpec(config, { resize: 'bilinear', size: 8 }).shapes[0].slice(0, 2)).toEqual([6, 8]);
  });
});
