/** One shard of a generation job: shard `index` of `count` owns the seeds congruent to index mod count. */
export interface Shard {
  index: number;
  count: number;
}

/** Raised for a `--shard` value that is not `k/n` with 0 <= k < n. */
export class ShardSpecError extends Error {
  override name = 'ShardSpecError';
}

/**
 * Parses a shard spec `k/n` (0-based `k`, as a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`).
 *
 * @param spec The text, such as `"2/8"`.
 * @returns The shard.
 * @example
 * ```ts
 * parseShard('2/8'); // { index: 2, count: 8 }
 * ```
 */
export function parseShard(spec: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  if (!m) throw new ShardSpecError(`--shard "${spec}": expected k/n, such as 0/4 (k counts from 0).`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new ShardSpecError(`--shard "${spec}": expected 0 <= k < n and n >= 1.`);
  return { index, count };
}
