import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CAR_SEED_RANGES, carSeeds } from './seed-ranges.js';

describe('CAR_SEED_RANGES', () => {
  it('matches config.json and the ranges are disjoint', () => {
    const cfg = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'config.json'), 'utf8'));
    for (const [name, r] of Object.entries(CAR_SEED_RANGES)) {
      expect({ start: cfg.seedRanges[name].start, n: cfg.seedRanges[name].n }).toEqual(r);
    }
    const rs = Object.values(CAR_SEED_RANGES).sort((a, b) => a.start - b.start);
    for (let i = 1; i < rs.length; i++) expect(rs[i - 1].start + rs[i - 1].n).toBeLessThanOrEqual(rs[i].start);
    expect(CAR_SEED_RANGES.test.n).toBeGreaterThanOrEqual(80);
    expect(CAR_SEED_RANGES.baseline.n).toBeGreaterThanOrEqual(300); // Figure 4: N up to 100, three seeds
  });

  it('lists seeds', () => {
    expect(carSeeds('baseline')).toHaveLength(300);
    expect(carSeeds('test', 3)).toEqual([3000000, 3000001, 3000002]);
    expect(() => carSeeds('nope' as never)).toThrow(/seed range "nope"/);
  });
});
