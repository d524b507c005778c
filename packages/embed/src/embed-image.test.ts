import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN, createConfig, latentFromSeed } from '@ganseg/stylegan';
import { predictMask, trainDecoder } from '@ganseg/decoder';
import type { AnnotatedSample, SampleMeta } from '@ganseg/formats';
import { ConfusionMatrix, meanIoU } from '@ganseg/metrics';
import { embedImage } from './embed-image.js';
import { psnr } from './psnr.js';

beforeAll(async () => {
  await initBackend();
});

/**
 * A small generator whose style modulations are small (StyleMod weights x 0.25), as in a trained
 * StyleGAN (styles near 1); with the raw N(0, 1) init of a random network the image is so
 * non-linear in w that no projector gets out of the average latent's basin (measured: 2-20 dB).
 */
function smoothGenerator(): StyleGAN {
  const cfg = createConfig({ resolution: 16, latentSize: 16, dlatentSize: 16, mappingLayers: 2, fmapBase: 128, fmapMax: 32 });
  const raw = StyleGAN.random(cfg, 3);
  const w: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(raw.weights)) w[k] = k.endsWith('StyleMod/weight') ? tf.mul(v, 0.25) : tf.clone(v);
  raw.dispose();
  return StyleGAN.fromWeights(cfg, w);
}

function meta(seed: number, g: StyleGAN): SampleMeta {
  return { format: 'ganseg-sample', version: 1, id: `s${seed}`, seed, z: Array.from(latentFromSeed(seed, g.config.latentSize)), truncation: 0.7, cutoff: null, noiseSeed: null, generator: '', width: 16, height: 16 };
}

describe('embedImage', () => {
  it('reconstructs an image the generator made (PSNR >= 30 dB) and its decoded mask (IoU >= 0.9), on wasm', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const g = smoothGenerator();
    // a decoder trained on 8 samples annotated by a rule (bright red channel), as a user would
    const samples: AnnotatedSample[] = [];
    for (let s = 0; s < 8; s++) {
      const m = meta(s, g);
      const img = tf.tidy(() => g.synthesis(g.truncate(g.mapping(tf.tensor2d(m.z, [1, 16])), 0.7)).image);
      const red = tf.tidy(() => tf.slice(img, [0, 0, 0, 0], [1, 16, 16, 1]));
      const r = Array.from(red.dataSync());
      tf.dispose([img, red]);
      const med = [...r].sort((a, b) => a - b)[128];
      samples.push({ id: m.id, meta: m, mask: Uint8Array.from(r.map((v) => (v > med ? 1 : 0))), maskFile: '' });
    }
    const { decoder } = await trainDecoder({ generator: g, samples, classes: [{ name: 'dark', color: [0, 0, 0] }, { name: 'bright', color: [255, 255, 255] }], epochs: 4 });
    const layers = decoder.spec.layers;
    const before = tf.memory().numTensors;
    for (const seed of [12, 13]) {
      const w = tf.tidy(() => g.truncate(g.mapping(tf.tensor2d(latentFromSeed(seed, 16), [1, 16])), 0.7));
      const truth = g.synthesis(w, { capture: layers });
      w.dispose();
      const r = await embedImage({ generator: g, target: truth.image, steps: 300, lr: 0.1, capture: layers });
      expect(r.lossKind).toBe('mse+image-gradients');
      expect(r.losses.length).toBe(300);
      expect(r.losses.at(-1)!).toBeLessThan(r.losses[0] / 100);
      expect(psnr(r.image, truth.image)).toBeGreaterThanOrEqual(30);
      expect(r.wplus.shape).toEqual([1, g.numLayers, 16]);
      const [want] = predictMask(decoder, truth.activations);
      const [got] = predictMask(decoder, r.activations);
      const cm = new ConfusionMatrix(2).add(got.mask, want.mask);
      expect(meanIoU(cm).value).toBeGreaterThanOrEqual(0.9);
      tf.dispose([r.wplus, r.image, ...Object.values(r.activations), ...(r.noise ?? []), truth.image, ...Object.values(truth.activations)]);
    }
    expect(tf.memory().numTensors).toBe(before);
    decoder.dispose();
    g.dispose();
  }, 300_000);

  it('refuses a target of the wrong size, naming the expected shape', async () => {
    const cfg = createConfig({ resolution: 8, latentSize: 8, dlatentSize: 8, mappingLayers: 1, fmapBase: 16, fmapMax: 8 });
    const g = StyleGAN.random(cfg, 1);
    const t = tf.zeros([1, 16, 16, 3]) as tf.Tensor4D;
    await expect(embedImage({ generator: g, target: t, steps: 1 })).rejects.toThrow(/\[1, 8, 8, 3\]/);
    t.dispose();
    g.dispose();
  });
});
