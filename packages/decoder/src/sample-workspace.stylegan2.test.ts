// Issue 19: sampling a workspace from a StyleGAN2 generator records the official StyleGAN2
// truncation (every layer) and regenerates exactly the sampled image from the record.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN, createConfig } from '@ganseg/stylegan';
import { regenerateFeatures } from './regenerate-features.js';
import type { SampleMeta } from '@ganseg/formats';
import { sampleWorkspace } from './sample-workspace.js';

beforeAll(async () => {
  await initBackend();
});

describe('sampleWorkspace on a StyleGAN2 generator', () => {
  it('records cutoff = numLayers (v1: 8) and regenerates the same features', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ws-sg2-'));
    try {
      const small = { resolution: 64, latentSize: 16, dlatentSize: 16, mappingLayers: 2, mappingFmaps: 16, fmapBase: 64, fmapMax: 16 };
      for (const [arch, want] of [['stylegan2', 10], [undefined, 8]] as const) {
        const gen = StyleGAN.random(createConfig({ ...small, architecture: arch }), 3);
        const out = path.join(dir, arch ?? 'v1');
        const [id] = await sampleWorkspace({ generator: gen, n: 1, seed: 4, truncation: 0.6, out });
        const meta: SampleMeta = JSON.parse(await fs.readFile(path.join(out, 'samples', `${id}.json`), 'utf8'));
        expect(meta.cutoff).toBe(want);
        const a = regenerateFeatures(gen, meta, { layers: ['8x8', '64x64'] });
        const b = regenerateFeatures(gen, meta, { layers: ['8x8', '64x64'] });
        expect(Array.from(a.maps[1].dataSync())).toEqual(Array.from(b.maps[1].dataSync()));
        expect(a.maps.map((m) => m.shape)).toEqual([[1, 8, 8, 16], [1, 64, 64, 2]]);
        tf.dispose([a.image, ...a.maps, b.image, ...b.maps]);
        gen.dispose();
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
