import { promises as fs } from 'node:fs';
import path from 'node:path';
import { recoverDirectory } from './recover-directory.js';

/** Options of {@link replaceDirectory}. */
export interface ReplaceDirectoryOptions {
  /** Called with each stale entry removed or restored at the start (a killed run's leftovers). */
  onStale?: (message: string) => void;
}

/**
 * Writes a folder as a whole: `fill` writes into a fresh hidden folder beside `dir`, which is then
 * renamed into place. The old `dir`, if any, is kept (renamed aside) until the new one is in, then
 * removed. A failure in `fill` removes the new folder and leaves `dir` as it was; nothing empty is
 * left behind. A run killed at any moment is repaired by the next call: if `dir` is missing while
 * its old copy sits aside, the old copy is put back; unfinished new folders and old copies are
 * removed (also those of earlier writers: `.<name>.tmp-*`, `<name>.tmp-*`, `<name>.old-*`). Only
 * one writer a folder at a time.
 *
 * @param dir The folder to write or replace.
 * @param fill Writes the contents into the folder it is given.
 * @param options A callback told of stale entries.
 * @returns Nothing; `dir` holds what `fill` wrote.
 * @example
 * ```ts
 * await replaceDirectory('runs/decoder', async (tmp) => {
 *   await atomicWriteFile(path.join(tmp, 'model.json'), json);
 * });
 * ```
 */
export async function replaceDirectory(dir: string, fill: (tmp: string) => Promise<void>, options: ReplaceDirectoryOptions = {}): Promise<void> {
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  await fs.mkdir(parent, { recursive: true });
  await recoverDirectory(abs, options);
  const tag = `${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const tmp = path.join(parent, `.${base}.new-${tag}`);
  await fs.mkdir(tmp);
  try {
    await fill(tmp);
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = path.join(parent, `.${base}.old-${tag}`);
  let moved = false;
  try {
    await fs.rename(abs, old);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      await fs.rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  try {
    await fs.rename(tmp, abs);
  } catch (e) {
    if (moved) await fs.rename(old, abs);
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
  if (moved) await fs.rm(old, { recursive: true, force: true });
}
