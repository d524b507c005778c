import { createConfig } from '@ganseg/stylegan';
import { describe, expect, it } from 'vitest';
import { _DrawPrefetch } from './_draw-prefetch.js';
import { _drawArrays, type _DrawSpec } from './_step-draws.js';

const spec: _DrawSpec = { config: createConfig({ resolution: 16, latentSize: 8, dlatentSize: 8, mappingLayers: 2, mappingFmaps: 8, fmapBase: 32, fmapMax: 8 }), seed: 5, batch: 2, mixProb: 0.5, numLayers: 6 };

describe('_DrawPrefetch', () => {
  it("gives _drawArrays' numbers from its worker, in any order and after skipped steps", async () => {
    const p = new _DrawPrefetch(spec, 2);
    try {
      expect(await p.started()).toBe(true);
      for (const [k, tag] of [[0, 'D'], [0, 'G'], [1, 'D'], [3, 'G'], [4, 'D'], [1, 'G']] as const) {
        const got = await p.get(k, tag);
        const want = _drawArrays(spec, k, tag);
        expect(got.z).toEqual(want.z);
        expect(got.mixZ).toEqual(want.mixZ);
        expect(got.mixLayer).toEqual(want.mixLayer);
        expect(got.noise).toEqual(want.noise);
      }
      // after the first draw of a step the next ones come from the worker
      expect(p.served.worker).toBeGreaterThanOrEqual(3);
    } finally {
      await p.close();
    }
  });

  it('switches to the worker once it has started, even when the caller never waits for anything else', async () => {
    const p = new _DrawPrefetch(spec, 2);
    try {
      // a training loop: every await is a microtask unless get() yields
      for (let k = 0; k < 400 && p.served.worker === 0; k++) {
        await p.get(k, 'D');
        const t0 = Date.now();
        while (Date.now() - t0 < 5); // a step's work
      }
      expect(p.served.worker).toBeGreaterThan(0);
    } finally {
      await p.close();
    }
  });

  it('draws in place while its worker starts', async () => {
    const p = new _DrawPrefetch(spec, 2);
    try {
      const got = await p.get(0, 'D');
      expect(got.z).toEqual(_drawArrays(spec, 0, 'D').z);
      expect(p.served.inPlace).toBe(1);
    } finally {
      await p.close();
    }
  });

  it('draws differ by step and tag; some steps mix styles and some do not', () => {
    const a = _drawArrays(spec, 0, 'D');
    expect(_drawArrays(spec, 0, 'G').z.data).not.toEqual(a.z.data);
    expect(_drawArrays(spec, 1, 'D').z.data).not.toEqual(a.z.data);
    expect(a.noise.map((n) => n.shape)).toEqual([4, 4, 8, 8, 16, 16].map((r) => [2, r, r, 1]));
    const mixes = Array.from({ length: 20 }, (_, k) => _drawArrays(spec, k, 'D').mixLayer);
    expect(mixes.some((m) => m === undefined)).toBe(true);
    expect(mixes.filter((m) => m !== undefined).every((m) => (m as number) >= 1 && (m as number) < 6)).toBe(true);
  });
});
