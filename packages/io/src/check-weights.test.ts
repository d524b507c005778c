import { describe, expect, it } from 'vitest';
import { checkWeights } from './check-weights.js';
import { WeightsMismatchError } from './weights-mismatch-error.js';

const spec = [{ name: 'a', shape: [2, 3] }, { name: 'b', shape: [4] }, { name: 'c', shape: [1] }];
const w = (shape: number[], fill = 1) => ({ shape, values: new Float32Array(shape.reduce((x, y) => x * y, 1)).fill(fill) });

describe('checkWeights', () => {
  it('passes weights that match, from a Map or an object, with or without values', () => {
    expect(() => checkWeights(spec, { c: w([1]), b: w([4]), a: w([2, 3]) }, { source: 'f' })).not.toThrow();
    expect(() => checkWeights(spec, new Map([['a', { shape: [2, 3] }], ['b', { shape: [4] }], ['c', { shape: [1] }]]), { source: 'f' })).not.toThrow();
  });

  it('lists every missing, unexpected, mis-shaped and non-finite weight in one error naming the file', () => {
    const nan = w([4]);
    nan.values[2] = NaN;
    let e: unknown;
    try {
      checkWeights([...spec, { name: 'd', shape: [4] }], { a: w([3, 2]), b: { shape: [4], values: [1, 2, Infinity, 4] }, d: nan, x: w([1]), y: w([1]) }, { source: 'g.pkl', against: 'the spec', hint: 'Check the config.' });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(WeightsMismatchError);
    const err = e as WeightsMismatchError;
    expect(err.source).toBe('g.pkl');
    expect(err.missing).toEqual(['c']);
    expect(err.unexpected).toEqual(['x', 'y']);
    expect(err.misshaped).toEqual([{ name: 'a', expected: [2, 3], found: [3, 2] }]);
    expect(err.nonFinite).toEqual(['b', 'd']);
    expect(err.message).toMatch(/^g\.pkl: the weights do not match the spec \(1 missing, 2 unexpected, 1 mis-shaped, 2 non-finite\)\. Check the config\./);
    expect(err.message).toContain('missing 1: c');
    expect(err.message).toContain('unexpected 2: x, y');
    expect(err.message).toContain('mis-shaped: a expected [2, 3], found [3, 2]');
    expect(err.message).toMatch(/non-finite 2 .*: b, d/);
  });

  it('counts values that do not fill the shape as mis-shaped, and cuts long lists', () => {
    expect(() => checkWeights([{ name: 'a', shape: [2] }], { a: { shape: [2], values: [1] } }, { source: 's' })).toThrow(/mis-shaped: a expected \[2\], found \[2\]/);
    const many = Array.from({ length: 25 }, (_, i) => ({ name: `k${i}`, shape: [1] }));
    expect(() => checkWeights(many, {}, { source: 's' })).toThrow(/missing 25: k0, .*k19 and 5 more/);
  });
});
