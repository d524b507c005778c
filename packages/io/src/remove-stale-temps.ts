import { promises as fs } from 'node:fs';
import path from 'node:path';
import { _isTempName } from './_temp-name.js';

/**
 * Removes the temporary files a killed run of {@link atomicWriteFile} left in `dir`: entries whose
 * name starts with `.` and holds `.tmp-`. Not recursive. Only call it when no other process is
 * writing into `dir`.
 *
 * @param dir The folder; a missing or unreadable folder counts as empty.
 * @returns How many entries were removed.
 * @example
 * ```ts
 * const n = await removeStaleTemps('out/images'); // before resuming a run
 * ```
 */
export async function removeStaleTemps(dir: string): Promise<number> {
  let n = 0;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (_isTempName(name)) {
      await fs.rm(path.join(dir, name), { force: true });
      n++;
    }
  }
  return n;
}
