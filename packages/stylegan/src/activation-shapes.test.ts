import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@ganseg/runtime';
import { activationShapes } from './activation-shapes.js';
import { createConfig } from './create-config.js';
import { StyleGAN } from './style-gan.js';
import { stageChannels } from './stage-channels.js';

beforeAll(async () => {
  await initBackend();
});

describe('activationShapes / stageChannels', () => {
  const cfg = createConfig({ resolution: 16, latentSize: 8, dlatentSize: 8, mappingLayers: 1, mappingFmaps: 8, fmapBase: 64, fmapMax: 16 });
  it('names every layer, block output and the image, in forward order, with nf() channels', () => {
    expect(activationShapes(cfg)).toEqual({
      '4x4/Const': [4, 4, 16], '4x4/Conv': [4, 4, 16], '4x4': [4, 4, 16],
      '8x8/Conv0_up': [8, 8, 16], '8x8/Conv1': [8, 8, 16], '8x8': [8, 8, 16],
      '16x16/Conv0_up': [16, 16, 8], '16x16/Conv1': [16, 16, 8], '16x16': [16, 16, 8],
      image: [16, 16, 3],
    });
    expect([1, 2, 3, 4].map((s) => stageChannels(cfg, s))).toEqual([16, 16, 8, 4]);
    expect(stageChannels(createConfig({ resolution: 1024 }), 1)).toBe(512);
  });
  it('is what StyleGAN.activationNames() lists', () => {
    const gen = StyleGAN.random(cfg, 0);
    expect(gen.activationNames()).toEqual(Object.keys(activationShapes(cfg)));
    gen.dispose();
  });
});
