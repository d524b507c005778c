import { promises as fs } from 'node:fs';
import { _tempName } from './_temp-name.js';

/**
 * Writes `data` to `file` atomically: to a temporary name in the same folder
 * (`.<name>.tmp-<pid>-<random>`), then renames it over `file`, so a reader never sees a half
 * written file. When the write or the rename fails the temporary file is removed and the error
 * of `fs` is rethrown unchanged (its `code`, such as `ENOENT` for a missing folder, is kept).
 * The folder must exist. A process killed between the two steps leaves the temporary file;
 * {@link removeStaleTemps} removes those.
 *
 * @param file The destination.
 * @param data The bytes, or a string written as UTF-8.
 * @returns Nothing, once `file` holds `data`.
 * @throws The `fs` error of the write or the rename (the message names the temporary file).
 * @example
 * ```ts
 * await atomicWriteFile('out/dataset.json', JSON.stringify(info, null, 2) + '\n');
 * ```
 */
export async function atomicWriteFile(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = _tempName(file);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
