import { describe, expect, it } from 'vitest';
import { discriminatorConfig, discriminatorSpec } from './discriminator-spec.js';

describe('discriminatorSpec', () => {
  it('names and shapes the official D_basic variables', () => {
    const spec = discriminatorSpec(discriminatorConfig({ resolution: 16, fmapBase: 64, fmapMax: 32 }));
    // nf(s) = min(64 / 2^s, 32): nf(0)=32 nf(1)=32 nf(2)=16 nf(3)=8
    expect(spec).toEqual([
      { name: 'FromRGB_lod0/weight', shape: [1, 1, 3, 8] },
      { name: 'FromRGB_lod0/bias', shape: [8] },
      { name: '16x16/Conv0/weight', shape: [3, 3, 8, 8] },
      { name: '16x16/Conv0/bias', shape: [8] },
      { name: '16x16/Conv1_down/weight', shape: [3, 3, 8, 16] },
      { name: '16x16/Conv1_down/bias', shape: [16] },
      { name: '8x8/Conv0/weight', shape: [3, 3, 16, 16] },
      { name: '8x8/Conv0/bias', shape: [16] },
      { name: '8x8/Conv1_down/weight', shape: [3, 3, 16, 32] },
      { name: '8x8/Conv1_down/bias', shape: [32] },
      { name: '4x4/Conv/weight', shape: [3, 3, 33, 32] },
      { name: '4x4/Conv/bias', shape: [32] },
      { name: '4x4/Dense0/weight', shape: [512, 32] },
      { name: '4x4/Dense0/bias', shape: [32] },
      { name: '4x4/Dense1/weight', shape: [32, 1] },
      { name: '4x4/Dense1/bias', shape: [1] },
    ]);
  });

  it('has the official parameter count at 1024 (23.1 M, as the StyleGAN paper\'s D)', () => {
    const n = discriminatorSpec(discriminatorConfig({ resolution: 1024 })).reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
    expect(Math.round(n / 1e5) / 10).toBe(23.1); // 23,077,137
  });

  it('rejects unknown keys and bad resolutions', () => {
    expect(() => discriminatorConfig({ resolution: 48 })).toThrow(/power of two/);
    expect(() => discriminatorConfig({ nope: 1 } as never)).toThrow(/unknown key "nope"/);
  });
});
