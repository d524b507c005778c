import { describe, expect, it } from 'vitest';
import { createConfig } from './create-config.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { weightSpec } from './weight-spec.js';
import { FIXTURES } from './_test_fixtures.js';

describe('weightSpec', () => {
  const ffhq = weightSpec(createConfig());
  const shape = (name: string) => ffhq.find((e) => e.name === name)?.shape;

  it('official FFHQ 1024: 18 layers, official names and widths', () => {
    expect(ffhq.filter((e) => e.name.startsWith('G_synthesis/noise')).length).toBe(18);
    expect(shape('G_synthesis/noise17')).toEqual([1, 1, 1024, 1024]);
    expect(shape('G_mapping/Dense0/weight')).toEqual([512, 512]);
    expect(shape('G_mapping/Dense7/bias')).toEqual([512]);
    expect(shape('dlatent_avg')).toEqual([512]);
    expect(shape('G_synthesis/4x4/Const/const')).toEqual([1, 512, 4, 4]);
    expect(shape('G_synthesis/4x4/Const/StyleMod/weight')).toEqual([512, 1024]);
    // official nf(stage) = min(8192 / 2^stage, 512), block at 2^r uses nf(r - 1):
    // 512 up to 32x32, 256 at 64, 128 at 128, 64 at 256, 32 at 512, 16 at 1024.
    const widths: Record<number, number> = { 8: 512, 16: 512, 32: 512, 64: 256, 128: 128, 256: 64, 512: 32, 1024: 16 };
    let prev = 512;
    for (const [res, c] of Object.entries(widths)) {
      expect(shape(`G_synthesis/${res}x${res}/Conv0_up/weight`)).toEqual([3, 3, prev, c]);
      expect(shape(`G_synthesis/${res}x${res}/Conv1/weight`)).toEqual([3, 3, c, c]);
      expect(shape(`G_synthesis/${res}x${res}/Conv1/StyleMod/bias`)).toEqual([2 * c]);
      prev = c;
    }
    expect(shape('G_synthesis/1024x1024/Conv1/weight')).toEqual([3, 3, 16, 16]);
    expect(shape('G_synthesis/ToRGB_lod0/weight')).toEqual([1, 1, 16, 3]);
  });

  it('parameter count equals the official Gs count minus the progressive-growing ToRGB_lod1..8', () => {
    const trainable = ffhq
      .filter((e) => !e.name.startsWith('G_synthesis/noise') && e.name !== 'dlatent_avg')
      .reduce((a, e) => a + e.shape.reduce((x, y) => x * y, 1), 0);
    // official Gs prints 26,219,627 trainables; it also holds ToRGB_lod1..lod8 (1x1 convs from
    // 32, 64, 128, 256, 512, 512, 512, 512 channels to 3, plus biases) = 7,608, unused at lod 0.
    expect(trainable + 7608).toBe(26219627);
  });

  it('names are unique and follow the config (tiny model)', () => {
    const spec = weightSpec(createConfig({ resolution: 16, latentSize: 8, dlatentSize: 12, mappingLayers: 3, mappingFmaps: 10, fmapBase: 64, fmapMax: 16, numChannels: 1 }));
    expect(new Set(spec.map((e) => e.name)).size).toBe(spec.length);
    const s = (n: string) => spec.find((e) => e.name === n)?.shape;
    expect(s('G_mapping/Dense0/weight')).toEqual([8, 10]);
    expect(s('G_mapping/Dense1/weight')).toEqual([10, 10]);
    expect(s('G_mapping/Dense2/weight')).toEqual([10, 12]);
    expect(s('G_synthesis/16x16/Conv0_up/weight')).toEqual([3, 3, 16, 8]);
    expect(s('G_synthesis/ToRGB_lod0/weight')).toEqual([1, 1, 8, 1]);
    expect(s('G_synthesis/noise5')).toEqual([1, 1, 16, 16]);
    expect(s('G_synthesis/noise6')).toBeUndefined();
  });

  it('equals the NumPy reference weight_spec (names, shapes and order) for both fixture configs', () => {
    for (const name of ['res32-fused16', 'res16']) {
      const model = JSON.parse(readFileSync(path.join(FIXTURES, name, 'model.json'), 'utf8'));
      const py = model.weightsManifest[0].weights.map((w: { name: string; shape: number[] }) => ({ name: w.name, shape: w.shape }));
      expect(weightSpec(createConfig(model.config))).toEqual(py);
    }
  });
});
