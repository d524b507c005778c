import { describe, expect, it } from 'vitest';
import { parseShard, ShardSpecError } from './parse-shard.js';
import { seedsForShard } from './seeds-for-shard.js';

describe('parseShard and seedsForShard', () => {
  it('parses k/n and rejects bad specs', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['8/8', '1', 'a/b', '-1/3', '1/0']) expect(() => parseShard(bad)).toThrow(ShardSpecError);
  });

  it('gives every seed to exactly one shard', () => {
    const all = [0, 1, 2, 3].flatMap((k) => seedsForShard(10, 37, { index: k, count: 4 }));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 37 }, (_, i) => i + 10));
    expect(seedsForShard(0, 10, { index: 1, count: 3 })).toEqual([1, 4, 7]);
  });
});
