import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from './max-abs-diff.js';
import { maxRelDiff } from './max-rel-diff.js';
import { expectArraysClose } from './expect-arrays-close.js';

describe('maxAbsDiff / maxRelDiff', () => {
  it('measure the largest difference, absolute and relative to the reference scale (floor)', () => {
    expect(maxAbsDiff([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(maxRelDiff([1, 2, 30], [1, 2.5, 20])).toBe(0.5);
    expect(maxRelDiff([0.001], [0.002])).toBe(0.001); // floor 1
    expect(maxRelDiff([0.001], [0.002], 1e-3)).toBe(0.5);
  });

  it('a length mismatch or a NaN on either side is Infinity, so a tolerance check fails', () => {
    expect(maxAbsDiff([1], [1, 2])).toBe(Infinity);
    expect(maxAbsDiff([NaN, 0], [0, 0])).toBe(Infinity);
    expect(maxAbsDiff([0, 1], [0, NaN])).toBe(Infinity);
    expect(maxRelDiff([NaN], [1])).toBe(Infinity);
  });
});

describe('expectArraysClose', () => {
  it('passes within atol + rtol |expected|, fails past it or on a NaN, naming the element', () => {
    expectArraysClose([1, 2.00005], [1, 2], 1e-4);
    expectArraysClose([100.005], [100], 0, 1e-4);
    expect(() => expectArraysClose([1, 2.1], [1, 2], 1e-4)).toThrow(/element 1: 2.1 vs 2 \(atol 0.0001, rtol 0\)/);
    expect(() => expectArraysClose([NaN], [0], 1)).toThrow(/element 0/);
    expect(() => expectArraysClose([1], [1, 2], 1)).toThrow();
  });
});
