import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CheckpointError } from './checkpoint-error.js';

/**
 * Fills a fresh temp folder beside `outDir`, then renames it into place; on any failure the temp
 * folder is removed, so nothing is left behind. An existing non-empty `outDir` is refused unless
 * `overwrite`.
 */
export async function _atomicDir(outDir: string, overwrite: boolean, fill: (tmp: string) => Promise<void>): Promise<void> {
  let existing: string[] | null = null;
  try { existing = await readdir(outDir); } catch { existing = null; }
  if (existing && existing.length && !overwrite) {
    throw new CheckpointError('io', outDir, 'output folder exists and is not empty; choose another -o or pass overwrite', { key: outDir });
  }
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${basename(outDir)}.tmp-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
  await mkdir(tmp);
  try {
    await fill(tmp);
    if (existing) {
      const trash = `${tmp}.old`;
      await rename(outDir, trash);
      await rename(tmp, outDir);
      await rm(trash, { recursive: true, force: true });
    } else {
      await rename(tmp, outDir);
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
