import { describe, expect, it } from 'vitest';
import { resolveFeatureSpec } from './resolve-feature-spec.js';
import { estimateFeatureMemory } from './estimate-feature-memory.js';
import { FeatureSpecError } from './feature-spec-error.js';

const official = { resolution: 1024, latentSize: 512, dlatentSize: 512, fmapBase: 8192, fmapDecay: 1, fmapMax: 512, numChannels: 3 };

describe('resolveFeatureSpec', () => {
  it('defaults to every block output at native size, with the official channel counts', () => {
    const r = resolveFeatureSpec(official, {});
    expect(r.layers).toEqual(['4x4', '8x8', '16x16', '32x32', '64x64', '128x128', '256x256', '512x512', '1024x1024']);
    expect(r.levels.map((l) => l.channels)).toEqual([512, 512, 512, 512, 256, 128, 64, 32, 16]);
    expect(r.shapes[8]).toEqual([1024, 1024, 16]);
    expect(r.resize).toBe('native');
  });

  it('concatenates channels for bilinear', () => {
    const r = resolveFeatureSpec(official, { layers: ['16x16', '64x64/Conv1'], resize: 'bilinear', size: 128 });
    expect(r.shapes).toEqual([[128, 128, 512 + 256]]);
  });

  it('names the bad key and what was expected', () => {
    expect(() => resolveFeatureSpec(official, { layers: ['5x5'] })).toThrow(FeatureSpecError);
    expect(() => resolveFeatureSpec(official, { layers: ['2048x2048'] })).toThrow(/unknown activation "2048x2048".*"4x4".."1024x1024"/);
    expect(() => resolveFeatureSpec(official, { layers: ['8x8', '4x4'] })).toThrow(/coarse to fine/);
    expect(() => resolveFeatureSpec(official, { size: 0, resize: 'bilinear' })).toThrow(/size is 0/);
  });
});

describe('estimateFeatureMemory', () => {
  it('counts every level, halves for float16', () => {
    const e32 = estimateFeatureMemory(official, {}, 20);
    const values = [16 * 512, 64 * 512, 256 * 512, 1024 * 512, 4096 * 256, 16384 * 128, 65536 * 64, 262144 * 32, 1048576 * 16].reduce((a, b) => a + b);
    expect(e32.valuesPerSample).toBe(values);
    expect(e32.totalBytes).toBe(values * 4 * 20);
    const e16 = estimateFeatureMemory(official, { dtype: 'float16' }, 20);
    expect(e16.totalBytes * 2).toBe(e32.totalBytes);
    expect(e16.computeBytesPerSample).toBe(values * 4);
  });
});
