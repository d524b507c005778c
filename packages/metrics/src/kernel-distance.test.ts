import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelDistance } from './kernel-distance.js';
import { MetricsError } from './metrics-error.js';

// Made by tools/metrics-ref/make_kid.py (NumPy, from the kernel matrices); rerun it to regenerate.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/kid-reference.json', import.meta.url), 'utf8')) as {
  cases: Array<{ name: string; blocks: number; a: number[][]; b: number[][]; kid: number; std: number }>;
};
const TOL = 1e-9;

describe('kernelDistance', () => {
  for (const c of fixture.cases) {
    it(`matches NumPy within ${TOL} (relative): ${c.name}, ${c.a.length} x ${c.b.length} rows of ${c.a[0].length}, ${c.blocks} block(s)`, () => {
      const r = kernelDistance(c.a.map((row) => Float32Array.from(row)), c.b.map((row) => Float32Array.from(row)), { blocks: c.blocks });
      expect(Math.abs(r.kid - c.kid)).toBeLessThan(TOL * Math.max(1, Math.abs(c.kid)));
      expect(Math.abs(r.std - c.std)).toBeLessThan(TOL * Math.max(1, Math.abs(c.std)));
      expect(r.blocks).toBe(c.blocks);
    });
  }

  it('is near 0 for one distribution and clearly above for a shifted one', () => {
    const same = fixture.cases.find((c) => c.name === 'same-distribution')!;
    const shifted = fixture.cases.find((c) => c.name === 'shifted')!;
    expect(Math.abs(kernelDistance(same.a, same.b).kid)).toBeLessThan(0.05);
    expect(kernelDistance(shifted.a, shifted.b).kid).toBeGreaterThan(0.1);
  });

  it('names the row of another length, and refuses blocks that leave fewer than 2 rows', () => {
    expect(() => kernelDistance([[1, 2], [3, 4]], [[1, 2], [3]])).toThrow(/b\[1\] has 1/);
    expect(() => kernelDistance([[1], [2], [3]], [[1], [2], [3]], { blocks: 2 })).toThrow(MetricsError);
    expect(() => kernelDistance([[1]], [[1], [2]])).toThrow(/at least 2 feature rows/);
  });
});
