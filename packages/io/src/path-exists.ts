import { promises as fs } from 'node:fs';

/**
 * Whether `file` (a file or a folder) exists and can be reached.
 *
 * @param file The path.
 * @returns `true` when `fs.access` succeeds, else `false` (it never throws).
 * @example
 * ```ts
 * if (await pathExists('out/dataset.json')) console.log('already finished');
 * ```
 */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
