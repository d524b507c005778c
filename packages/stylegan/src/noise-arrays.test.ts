import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { createConfig } from './create-config.js';
import { noiseArrays } from './noise-arrays.js';
import { noiseFromSeed } from './noise-from-seed.js';

beforeAll(async () => {
  await initBackend();
});

describe('noiseArrays', () => {
  it("holds noiseFromSeed's numbers, layer by layer", () => {
    const cfg = createConfig({ resolution: 32 });
    const arrays = noiseArrays(cfg, 11, 3);
    const tensors = noiseFromSeed(cfg, 11, 3);
    expect(arrays.map((a) => a.length)).toEqual([4, 4, 8, 8, 16, 16, 32, 32].map((r) => 3 * r * r));
    for (let i = 0; i < arrays.length; i++) expect(tensors[i].dataSync()).toEqual(arrays[i]);
    expect(noiseArrays(cfg, 12, 3)[0]).not.toEqual(arrays[0]);
    tf.dispose(tensors);
  });
});
