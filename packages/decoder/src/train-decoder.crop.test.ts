// Issue 19: a cropped generator (config.crop, the LSUN Car 512x384 layout, here 32 px with 4 rows
// off top and bottom): samples are 32x24, the MLP decoder trains on 24-row masks and predicts the
// same 24-row masks from activations by name as from captureFeatures' cropped maps; the conv
// decoder is refused.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN, createConfig } from '@ganseg/stylegan';
import { makeClasses, type AnnotatedSample, type SampleMeta } from '@ganseg/formats';
import { captureFeatures } from '@ganseg/feature-hooks';
import { sampleWorkspace } from './sample-workspace.js';
import { trainDecoder } from './train-decoder.js';
import { predictMask } from './predict-mask.js';
import { DecoderError } from './decoder-error.js';

beforeAll(async () => {
  await initBackend();
});

describe('trainDecoder / predictMask on a cropped generator', () => {
  it('32x24 samples and masks; by-name and captured predictions agree; conv refused', async () => {
    const gen = StyleGAN.random(createConfig({ architecture: 'stylegan2', resolution: 32, latentSize: 16, dlatentSize: 16, mappingLayers: 2, mappingFmaps: 16, fmapBase: 128, fmapMax: 32, crop: { top: 4, bottom: 4 } }), 5);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dec-crop-'));
    try {
      const ids = await sampleWorkspace({ generator: gen, n: 2, seed: 1, out: dir });
      const samples: AnnotatedSample[] = [];
      for (const id of ids) {
        const meta: SampleMeta = JSON.parse(await fs.readFile(path.join(dir, 'samples', `${id}.json`), 'utf8'));
        expect([meta.width, meta.height]).toEqual([32, 24]);
        samples.push({ id, meta, mask: Uint8Array.from({ length: 24 * 32 }, (_, i) => (i < 12 * 32 ? 1 : 0)), maskFile: '' });
      }
      const classes = makeClasses(['bottom', 'top']);
      await expect(trainDecoder({ generator: gen, samples, classes, arch: 'conv', epochs: 1 })).rejects.toThrow(DecoderError);
      await expect(trainDecoder({ generator: gen, samples: [{ ...samples[0], mask: new Uint8Array(32 * 32) }], classes, arch: 'mlp', epochs: 1 })).rejects.toThrow(/32x24 images/);
      const { decoder } = await trainDecoder({ generator: gen, samples, classes, arch: 'mlp', epochs: 2, ensemble: 1 });
      expect(decoder.config).toMatchObject({ arch: 'mlp', size: 32, crop: { top: 4, bottom: 4 } });
      const wplus = tf.tidy(() => gen.truncate(gen.mapping(tf.randomNormal([1, 16], 0, 1, 'float32', 9)), 0.7));
      const { image, activations } = gen.synthesis(wplus, { capture: decoder.captureNames() });
      const captured = captureFeatures(gen, wplus, decoder.spec);
      const [a] = predictMask(decoder, activations);
      const [b] = predictMask(decoder, captured.maps);
      expect([a.width, a.height]).toEqual([32, 24]);
      expect(Array.from(a.probs)).toEqual(Array.from(b.probs));
      tf.dispose([wplus, image, ...Object.values(activations), captured.image, ...captured.maps]);
      decoder.dispose();
    } finally {
      gen.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
