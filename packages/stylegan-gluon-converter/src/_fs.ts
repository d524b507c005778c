import { readdir } from 'node:fs/promises';
import { recoverDirectory, replaceDirectory } from '@ganseg/io';
import { CheckpointError } from '@ganseg/checkpoint-readers';

/**
 * Writes `outDir` as a whole through io's `replaceDirectory` (a fresh folder beside it renamed
 * into place; nothing left behind on failure; a killed convert repaired first). An existing
 * non-empty `outDir` is refused unless `overwrite`.
 */
export async function _atomicDir(outDir: string, overwrite: boolean, fill: (tmp: string) => Promise<void>): Promise<void> {
  await recoverDirectory(outDir);
  const existing = await readdir(outDir).catch(() => null);
  if (existing && existing.length && !overwrite) {
    throw new CheckpointError('io', outDir, 'output folder exists and is not empty; choose another -o or pass overwrite', { key: outDir });
  }
  await replaceDirectory(outDir, fill);
}
