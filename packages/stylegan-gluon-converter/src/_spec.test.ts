import { describe, expect, it } from 'vitest';
import { createConfig, stageChannels as _nf } from '@ganseg/stylegan';
import { _fitFmaps } from './_spec.js';

describe('_fitFmaps', () => {
  it('recovers the official FFHQ widths, and a base that floor() rounds', () => {
    const ffhq = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((s) => _nf(createConfig(), s));
    expect(_fitFmaps(ffhq)).toEqual({ fmapBase: 8192, fmapDecay: 1, fmapMax: 512 });
    const c = { ...createConfig(), fmapBase: 100, fmapMax: 32 };
    const ch = [1, 2, 3, 4, 5].map((s) => _nf(c, s));
    const fit = _fitFmaps(ch);
    expect([1, 2, 3, 4, 5].map((s) => _nf({ ...c, ...fit }, s))).toEqual(ch);
  });

  it('is linear in the stage count (40 stages, no search over 2^40 bases)', () => {
    const t0 = performance.now();
    const ch = [2, ...new Array(39).fill(1)];
    expect(_fitFmaps(ch).fmapMax).toBe(2);
    expect(performance.now() - t0).toBeLessThan(50);
  });
});
