import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CheckpointError } from '@ganseg/checkpoint-readers';

/**
 * Fills a fresh temp folder beside `outDir`, then renames it into place; on any failure the temp
 * folder is removed, so nothing is left behind. An existing non-empty `outDir` is refused unless
 * `overwrite`; it is renamed aside (`.<name>.tmp-*.old`) only once the new folder is complete and
 * removed once the new one is in. What a killed convert left is repaired first (see `_recover`).
 */
export async function _atomicDir(outDir: string, overwrite: boolean, fill: (tmp: string) => Promise<void>): Promise<void> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  await _recover(outDir);
  let existing: string[] | null = null;
  try { existing = await readdir(outDir); } catch { existing = null; }
  if (existing && existing.length && !overwrite) {
    throw new CheckpointError('io', outDir, 'output folder exists and is not empty; choose another -o or pass overwrite', { key: outDir });
  }
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

/**
 * A killed convert's leftovers beside `outDir`: the old output renamed aside (`.<name>.tmp-*.old`)
 * comes back when `outDir` is missing (killed between the two renames), else is removed; unfinished
 * temp folders (`.<name>.tmp-*`) are removed. One convert an output folder at a time.
 */
async function _recover(outDir: string): Promise<void> {
  const parent = dirname(outDir);
  const prefix = `.${basename(outDir)}.tmp-`;
  const names = (await readdir(parent).catch(() => [] as string[])).filter((n) => n.startsWith(prefix));
  let present = await readdir(outDir).then(() => true, () => false);
  for (const n of names.filter((x) => x.endsWith('.old')).sort()) {
    if (!present) { await rename(join(parent, n), outDir); present = true; }
    else await rm(join(parent, n), { recursive: true, force: true });
  }
  for (const n of names.filter((x) => !x.endsWith('.old'))) await rm(join(parent, n), { recursive: true, force: true });
}
