// Issue 19: the LSUN Car layout. A generator with config.crop returns the rows its crop keeps:
// exactly rows top..R-bottom-1 of the same generator's uncropped image.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { createConfig } from './create-config.js';
import { StyleGAN } from './style-gan.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveGenerator } from './save-generator.js';
import { loadGenerator } from './load-generator.js';

beforeAll(async () => {
  await initBackend();
});

const TINY2 = { architecture: 'stylegan2' as const, resolution: 32, latentSize: 16, dlatentSize: 16, mappingLayers: 2, mappingFmaps: 16, fmapBase: 128, fmapMax: 32 };

describe('StyleGAN config.crop', () => {
  it('a 32 px StyleGAN2 with crop 4/4 returns rows 4..27 of the uncropped image, bit for bit; activations stay uncropped', () => {
    const full = StyleGAN.random(createConfig(TINY2), 7);
    const cropped = StyleGAN.random(createConfig({ ...TINY2, crop: { top: 4, bottom: 4 } }), 7);
    const before = tf.memory().numTensors;
    const z = tf.randomNormal([2, 16], 0, 1, 'float32', 5) as tf.Tensor2D;
    const a = full.generate({ z, truncation: 0.7, capture: ['image', '16x16'] });
    const b = cropped.generate({ z, truncation: 0.7, capture: ['image', '16x16'] });
    expect(b.image.shape).toEqual([2, 24, 32, 3]);
    const rows = tf.slice(a.image, [0, 4, 0, 0], [2, 24, 32, 3]);
    expect(Array.from(b.image.dataSync())).toEqual(Array.from(rows.dataSync()));
    expect(b.activations.image.shape).toEqual([2, 32, 32, 3]);
    expect(Array.from(b.activations['16x16'].dataSync())).toEqual(Array.from(a.activations['16x16'].dataSync()));
    tf.dispose([z, rows, a.image, a.wplus, b.image, b.wplus, ...Object.values(a.activations), ...Object.values(b.activations)]);
    expect(tf.memory().numTensors).toBe(before);
    full.dispose();
    cropped.dispose();
  });

  it('a v1 generator crops the same way', () => {
    const v1 = { resolution: 16, latentSize: 8, dlatentSize: 8, mappingLayers: 1, mappingFmaps: 8, fmapBase: 32, fmapMax: 8 };
    const full = StyleGAN.random(createConfig(v1), 1);
    const cropped = StyleGAN.random(createConfig({ ...v1, crop: { top: 0, bottom: 3 } }), 1);
    const z = tf.randomNormal([1, 8], 0, 1, 'float32', 2) as tf.Tensor2D;
    const a = full.generate({ z });
    const b = cropped.generate({ z });
    expect(b.image.shape).toEqual([1, 13, 16, 3]);
    const rows = tf.slice(a.image, [0, 0, 0, 0], [1, 13, 16, 3]);
    expect(Array.from(b.image.dataSync())).toEqual(Array.from(rows.dataSync()));
    tf.dispose([z, rows, a.image, a.wplus, b.image, b.wplus]);
    full.dispose();
    cropped.dispose();
  });

  it('the crop survives saveGenerator / loadGenerator', async () => {
    const gen = StyleGAN.random(createConfig({ ...TINY2, resolution: 8, crop: { top: 1, bottom: 1 } }), 2);
    const root = mkdtempSync(path.join(os.tmpdir(), 'stylegan-crop-'));
    try {
      await saveGenerator(gen, path.join(root, 'gen'));
      const back = await loadGenerator(path.join(root, 'gen'));
      expect(back.config.crop).toEqual({ top: 1, bottom: 1 });
      back.dispose();
    } finally {
      gen.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
