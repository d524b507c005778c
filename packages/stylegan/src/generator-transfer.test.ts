import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { createConfig } from './create-config.js';
import { generatorFromTransfer } from './generator-from-transfer.js';
import { generatorToTransfer } from './generator-to-transfer.js';
import { StyleGAN } from './style-gan.js';

beforeAll(async () => {
  await initBackend();
});

describe('generatorToTransfer / generatorFromTransfer', () => {
  it('rebuild the same generator (weights bit for bit, same images) and leak no tensor', () => {
    const gen = StyleGAN.random(createConfig({ resolution: 8, latentSize: 4, dlatentSize: 4, mappingLayers: 1, mappingFmaps: 4, fmapBase: 16, fmapMax: 8 }), 3);
    const before = tf.memory().numTensors;
    const t = structuredClone(generatorToTransfer(gen)); // as a worker receives it
    const copy = generatorFromTransfer(t);
    expect(Object.keys(copy.weights)).toEqual(Object.keys(gen.weights));
    for (const [n, w] of Object.entries(gen.weights)) expect(Array.from(copy.weights[n].dataSync())).toEqual(Array.from(w.dataSync()));
    const z = tf.randomNormal([1, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
    const a = gen.generate({ z, truncation: 0.7 });
    const b = copy.generate({ z, truncation: 0.7 });
    expect(Array.from(b.image.dataSync())).toEqual(Array.from(a.image.dataSync()));
    tf.dispose([z, a.image, a.wplus, b.image, b.wplus, ...Object.values(a.activations), ...Object.values(b.activations)]);
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
    gen.dispose();
  });
});
