import { describe, expect, it } from 'vitest';
import { splitIds } from './split-ids.js';

describe('splitIds', () => {
  it('splits 100 ids 20 / 80, the same for the same seed, differently for another, keeping order', () => {
    const ids = Array.from({ length: 100 }, (_, i) => String(i).padStart(3, '0'));
    const [a, b] = splitIds(ids, [20, 80], 0);
    expect([a.length, b.length]).toEqual([20, 80]);
    expect(new Set([...a, ...b]).size).toBe(100);
    expect([...a].sort()).toEqual(a);
    expect(splitIds(ids, [20, 80], 0)).toEqual([a, b]);
    expect(splitIds(ids, [20, 80], 1)[0]).not.toEqual(a);
    expect(splitIds(ids.slice(0, 7), [1, 1], 3)[0].length).toBe(4);
    expect(splitIds(ids, [0, 1], 0)[0]).toEqual([]);
    expect(() => splitIds(ids, [0, 0], 0)).toThrow(/not both 0/);
  });
});
