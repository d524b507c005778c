/** A contiguous range of scene seeds. */
export interface SeedRange {
  start: number;
  n: number;
}

/** Names of the seed ranges of the cars domain. */
export type CarSeedRangeName = 'ganTrain' | 'teacherTrain' | 'baseline' | 'test' | 'quality';

/**
 * The seed ranges of the cars domain (the same as `datasets/cars/config.json`, which a test
 * checks): disjoint, so that the held-out test scenes are never seen by the GAN, the teacher or
 * the baseline. `ganTrain` 0..19999 (images the StyleGAN learns from), `teacherTrain`
 * 1000000..1002999, `baseline` 2000000..2000299 (the annotated real images: each
 * seed of an experiment draws its N from them), `test` 3000000..3000499 (the held-out real test set), `quality` 4000000..4001999 (real renders a
 * generator's KID is measured against).
 *
 * @example
 * ```ts
 * const { start, n } = CAR_SEED_RANGES.test;
 * ```
 */
export const CAR_SEED_RANGES: Readonly<Record<CarSeedRangeName, SeedRange>> = Object.freeze({
  ganTrain: { start: 0, n: 20000 },
  teacherTrain: { start: 1000000, n: 3000 },
  baseline: { start: 2000000, n: 300 },
  test: { start: 3000000, n: 500 },
  quality: { start: 4000000, n: 2000 },
});

/**
 * The seeds of a named range, or of its first `limit` seeds.
 *
 * @param name The range.
 * @param limit At most this many seeds (default: all).
 * @returns The seeds, ascending.
 * @example
 * ```ts
 * carSeeds('baseline', 20).length; // 20
 * ```
 */
export function carSeeds(name: CarSeedRangeName, limit = Infinity): number[] {
  const r = CAR_SEED_RANGES[name];
  if (!r) throw new RangeError(`seed range "${name}": expected one of ${Object.keys(CAR_SEED_RANGES).join(', ')}.`);
  const n = Math.min(r.n, limit);
  return Array.from({ length: n }, (_, i) => r.start + i);
}
