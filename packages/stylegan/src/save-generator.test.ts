import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { createConfig } from './create-config.js';
import { StyleGAN } from './style-gan.js';
import { saveGenerator } from './save-generator.js';
import { loadGenerator } from './load-generator.js';
import { latentFromSeed } from './latent-from-seed.js';
import { weightSpec } from './weight-spec.js';

beforeAll(async () => {
  await initBackend();
});

describe('saveGenerator / loadGenerator', () => {
  it('a save killed between its two renames loses nothing: the next load or save puts the old generator back', async () => {
    const cfg = createConfig({ resolution: 8, latentSize: 8, dlatentSize: 8, mappingLayers: 1, mappingFmaps: 8, fmapBase: 16, fmapMax: 8 });
    const gen = StyleGAN.random(cfg, 3);
    const root = mkdtempSync(path.join(os.tmpdir(), 'stylegan-kill-'));
    const dir = path.join(root, 'gen');
    try {
      await saveGenerator(gen, dir);
      // what a kill after `gen` was renamed aside, before the new folder was renamed in, leaves
      renameSync(dir, `${dir}.old-1-zz`);
      mkdirSync(`${dir}.tmp-1-zz`);
      const back = await loadGenerator(dir);
      expect(back.config).toEqual(cfg);
      expect(readdirSync(root)).toEqual(['gen']);
      back.dispose();
      renameSync(dir, `${dir}.old-2-zz`);
      await saveGenerator(gen, dir);
      expect(readdirSync(root)).toEqual(['gen']);
    } finally {
      gen.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('round trip: same weights, same images; shards <= 4 MB; replaces an existing folder', async () => {
    // about 9.5 MB of weights, so several shards
    const cfg = createConfig({ resolution: 32, latentSize: 256, dlatentSize: 256, mappingLayers: 4, mappingFmaps: 256, fmapBase: 1024, fmapMax: 256 });
    const gen = StyleGAN.random(cfg, 11);
    const root = mkdtempSync(path.join(os.tmpdir(), 'stylegan-save-'));
    const dir = path.join(root, 'gen');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'stale.bin'), 'x');
    try {
      await saveGenerator(gen, dir);
      const files = readdirSync(dir).sort();
      expect(files).not.toContain('stale.bin');
      expect(readdirSync(root)).toEqual(['gen']); // no temp folders left
      const model = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
      expect(model.format).toBe('ganseg-stylegan');
      expect(model.config).toEqual(cfg);
      const shards = model.weightsManifest[0].paths as string[];
      expect(shards.length).toBeGreaterThan(1);
      for (const s of shards) expect(statSync(path.join(dir, s)).size).toBeLessThanOrEqual(4 * 1024 * 1024);
      expect(model.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual(weightSpec(cfg).map((e) => e.name));

      const back = await loadGenerator(dir);
      for (const e of weightSpec(cfg)) {
        expect(back.weights[e.name].shape).toEqual(e.shape);
        expect(Buffer.from(back.weights[e.name].dataSync().buffer).equals(Buffer.from(gen.weights[e.name].dataSync().buffer)), e.name).toBe(true);
      }
      const z = tf.tensor2d(latentFromSeed(0, 256), [1, 256]);
      const a = gen.generate({ z, truncation: 0.7 });
      const b = back.generate({ z, truncation: 0.7 });
      expect(tf.max(tf.abs(tf.sub(a.image, b.image))).dataSync()[0]).toBe(0);
      tf.dispose([z, a.image, a.wplus, b.image, b.wplus]);
      back.dispose();
    } finally {
      gen.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
