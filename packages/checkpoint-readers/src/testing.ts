// Test support for packages that read checkpoints with this package (the subpath export
// `@ganseg/checkpoint-readers/testing`): the refusal check, the fuzz suite and the float comparison
// that the tests here and in @ganseg/stylegan-gluon-converter share. Needs vitest; not in `mod.ts`.
import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { fuzzCheckpointReader, type FuzzSeed } from './fuzz-checkpoint-reader.js';

/**
 * Runs `f`, returns its error, and checks it is a CheckpointError that came within a second and
 * under 300 MB more peak RSS (a hostile file is refused before it costs time or memory).
 *
 * @example
 * ```ts
 * const err = await expectRefused(() => readTorchCheckpoint(bytes, 'zip-bomb.pth'));
 * expect(err.kind).toBe('malformed');
 * ```
 */
export async function expectRefused(f: () => Promise<unknown> | unknown): Promise<CheckpointError> {
  const rss0 = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  let err: unknown;
  try { await f(); } catch (e) { err = e; }
  const ms = performance.now() - t0;
  const grew = process.resourceUsage().maxRSS * 1024 - rss0;
  expect(err, 'expected an error').toBeInstanceOf(CheckpointError);
  expect(ms).toBeLessThan(1000);
  expect(grew).toBeLessThan(300 * 1024 * 1024);
  return err as CheckpointError;
}

/**
 * A vitest suite: 30 seeded mutations of each seed through `fuzzCheckpointReader`; each read
 * succeeds or throws a typed error within its bounds, no payload runs, and the mutations of a
 * valid (not `hostile/`) seed are refused more than a quarter of the time.
 *
 * @example
 * ```ts
 * describeFuzz('fuzz: mutated checkpoints give only typed errors', seeds, (name) => { const g = createRng(name); return () => g.uniform(); });
 * ```
 */
export function describeFuzz(title: string, seeds: FuzzSeed[], random: (name: string) => () => number): void {
  describe(title, () => {
    it.each(seeds.map((s) => [s.name, s] as const))('%s', async (_, s) => {
      const r = await fuzzCheckpointReader([s], 30, random, 'fuzz-test');
      expect(r.failures).toEqual([]);
      expect(r.executions).toBe(0);
      expect(r.cases).toBe(30);
      if (!s.name.startsWith('hostile/')) expect(r.refused).toBeGreaterThan(30 / 4); // the mutations do damage
    });
  });
}

/**
 * The largest |a[i] - b[i]| (NaN counts as a difference); Infinity when the lengths differ.
 *
 * @example
 * ```ts
 * expect(maxAbs(read.data, reference)).toBeLessThan(1e-6);
 * ```
 */
export function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d;
  }
  return m;
}
