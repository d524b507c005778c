import { describe, expect, it } from 'vitest';
import { mergeIntoSpec } from './merge-into-spec.js';
import { WeightsMismatchError } from '@ganseg/io';

const arr = (shape: number[], fill = 1) => ({ shape, dtype: 'float32', data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(fill) });
const spec = [{ name: 'a', shape: [2, 3] }, { name: 'b', shape: [4] }, { name: 'c', shape: [1] }];

describe('mergeIntoSpec', () => {
  it('returns the weights in spec order when everything matches', () => {
    const out = mergeIntoSpec(spec, { c: arr([1]), b: arr([4]), a: arr([2, 3]) }, 'f');
    expect(Object.keys(out)).toEqual(['a', 'b', 'c']);
  });

  it('lists every missing, unexpected and mis-shaped key at once, with shapes', () => {
    const e = (() => { try { mergeIntoSpec(spec, { a: arr([3, 2]), b: arr([4]), d: arr([1]), e: arr([1]) }, 'g.pkl'); } catch (x) { return x; } })() as WeightsMismatchError;
    expect(e).toBeInstanceOf(WeightsMismatchError);
    expect(e.source).toBe('g.pkl');
    expect(e.missing).toEqual(['c']);
    expect(e.unexpected).toEqual(['d', 'e']);
    expect(e.misshaped).toEqual([{ name: 'a', expected: [2, 3], found: [3, 2] }]);
    expect(e.message).toMatch(/g\.pkl/);
    expect(e.message).toMatch(/mis-shaped: a expected \[2, 3\], found \[3, 2\]/);
    expect(e.message).toMatch(/missing 1: c/);
    expect(e.message).toMatch(/unexpected 2: d, e/);
  });

  it('rejects NaN and Inf naming the key', () => {
    const bad = arr([4]); bad.data[2] = Infinity;
    const nan = arr([1]); nan.data[0] = NaN;
    const e = (() => { try { mergeIntoSpec(spec, { a: arr([2, 3]), b: bad, c: nan }, 'n'); } catch (x) { return x; } })() as WeightsMismatchError;
    expect([e.missing, e.unexpected, e.misshaped]).toEqual([[], [], []]); // non-finite only
    expect(e.nonFinite).toEqual(['b', 'c']);
    expect(e.message).toMatch(/^n: [\s\S]*non-finite 2 .*: b, c/);
  });
});
