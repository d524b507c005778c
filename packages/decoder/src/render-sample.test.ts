import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { resizeMask } from '@ganseg/formats';
import { initBackend } from '@ganseg/runtime';
import { imageToBytes, type StyleGAN } from '@ganseg/stylegan';
import type { Decoder } from './decoder.js';
import { predictMask } from './predict-mask.js';
import { regenerateFeatures } from './regenerate-features.js';
import { renderSample } from './render-sample.js';
import { sampleMetaFromSeed } from './sample-meta-from-seed.js';
import { trainDecoder } from './train-decoder.js';
import { _knownWorkspace, _smallGenerator } from './_test_setup.js';

let gen: StyleGAN;
let decoder: Decoder;
let ws: string;
beforeAll(async () => {
  await initBackend();
  gen = _smallGenerator();
  ws = await _knownWorkspace(gen, 3, 3);
  ({ decoder } = await trainDecoder({ generator: gen, workspace: ws, arch: 'conv', layers: ['8x8', '16x16'], epochs: 1 }));
});
afterAll(async () => {
  decoder.dispose();
  gen.dispose();
  await fs.rm(ws, { recursive: true, force: true });
});

describe('renderSample / sampleMetaFromSeed', () => {
  it('is the generator image, the decoder mask resized to the image by nearest pixel centre, and leaks nothing', () => {
    const meta = sampleMetaFromSeed(gen, 5, { truncation: 0.6 });
    expect(meta).toMatchObject({ format: 'ganseg-sample', id: '5', seed: 5, truncation: 0.6, cutoff: 8, noiseSeed: 5, width: 32, height: 32 });
    const before = tf.memory().numTensors;
    const r = renderSample(gen, decoder, meta);
    expect(tf.memory().numTensors).toBe(before);
    const f = regenerateFeatures(gen, meta, decoder.spec);
    const [p] = predictMask(decoder, f.maps);
    expect(Array.from(r.image)).toEqual(Array.from(imageToBytes(f.image)));
    tf.dispose([f.image, ...f.maps]);
    expect([r.width, r.height, r.image.length, r.mask.length]).toEqual([32, 32, 32 * 32 * 3, 32 * 32]);
    expect(Array.from(r.mask)).toEqual(Array.from(resizeMask({ data: p.mask, width: p.width, height: p.height }, 32, 32).data));
    expect(Array.from(r.prediction.mask)).toEqual(Array.from(p.mask));
  });
});
