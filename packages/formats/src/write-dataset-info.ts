import path from 'node:path';
import { atomicWriteFile } from '@ganseg/io';
import type { DatasetInfo } from './dataset-info.js';

/**
 * Writes `<dir>/dataset.json` atomically (two-space JSON, a final newline): the file
 * {@link readDatasetInfo} reads.
 *
 * @param dir The dataset folder (must exist).
 * @param info The info; keys are written in the order given.
 * @returns The file written.
 * @example
 * ```ts
 * await writeDatasetInfo('out/cars', { ...info, count: kept.length });
 * ```
 */
export async function writeDatasetInfo(dir: string, info: DatasetInfo): Promise<string> {
  const file = path.join(dir, 'dataset.json');
  await atomicWriteFile(file, JSON.stringify(info, null, 2) + '\n');
  return file;
}
