import type { Shard } from './parse-shard.js';

/**
 * The seeds of `[seedStart, seedStart + n)` that a shard owns: those congruent to `shard.index`
 * modulo `shard.count`. Every seed belongs to exactly one shard, whatever `n` and `seedStart`.
 *
 * @param seedStart First seed of the whole job.
 * @param n Number of seeds in the whole job.
 * @param shard The shard; the whole range when omitted.
 * @returns The owned seeds, ascending.
 * @example
 * ```ts
 * seedsForShard(0, 10, { index: 1, count: 3 }); // [1, 4, 7]
 * ```
 */
export function seedsForShard(seedStart: number, n: number, shard: Shard = { index: 0, count: 1 }): number[] {
  const out: number[] = [];
  for (let s = seedStart; s < seedStart + n; s++) {
    if (((s % shard.count) + shard.count) % shard.count === shard.index) out.push(s);
  }
  return out;
}
