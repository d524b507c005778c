// Test support for packages that read checkpoints with this package (the subpath export
// `@ganseg/checkpoint-readers/testing`): the refusal check that the hostile-file tests here and in
// @ganseg/stylegan-gluon-converter share. Needs vitest (an optional peer dependency); not in `mod.ts`.
import { expect } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';

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
