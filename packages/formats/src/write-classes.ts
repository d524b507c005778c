import { join } from 'node:path';
import { atomicWriteFile } from '@ganseg/io';
import type { ClassInfo } from './class-info.js';
import { IGNORE_INDEX } from './ignore-index.js';

/**
 * Writes `<folder>/classes.json` (`{"classes": [...], "ignore": 255}`, one space indent, a final
 * newline) atomically: the file {@link readClasses} reads.
 *
 * @param folder the workspace folder (must exist)
 * @param classes the classes, background first
 * @returns the file written
 * @example
 * ```ts
 * await writeClasses('ws', makeClasses(['background', 'hair']));
 * ```
 */
export async function writeClasses(folder: string, classes: readonly ClassInfo[]): Promise<string> {
  const file = join(folder, 'classes.json');
  await atomicWriteFile(file, JSON.stringify({ classes, ignore: IGNORE_INDEX }, null, 1) + '\n');
  return file;
}
