import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { createConfig } from './create-config.js';
import { noiseFromSeed } from './noise-from-seed.js';

beforeAll(async () => {
  await initBackend();
});

describe('noiseFromSeed', () => {
  const cfg = createConfig({ resolution: 32 });

  it('one [batch, res, res, 1] map a layer, deterministic in the seed', () => {
    const a = noiseFromSeed(cfg, 9, 2);
    expect(a.map((t) => t.shape)).toEqual([4, 4, 8, 8, 16, 16, 32, 32].map((r) => [2, r, r, 1]));
    const b = noiseFromSeed(cfg, 9, 2);
    const c = noiseFromSeed(cfg, 10, 2);
    for (let i = 0; i < a.length; i++) {
      expect(Array.from(a[i].dataSync())).toEqual(Array.from(b[i].dataSync()));
      expect(Array.from(a[i].dataSync())).not.toEqual(Array.from(c[i].dataSync()));
    }
    // batch 1 is the first map of each layer only for layer 0 (one stream, layer after layer)
    const one = noiseFromSeed(cfg, 9);
    expect(Array.from(one[0].dataSync())).toEqual(Array.from(a[0].dataSync().slice(0, 16)));
    tf.dispose([...a, ...b, ...c, ...one]);
  });
});
