import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ManifestRecord } from './dataset-info.js';
import { DatasetLayoutError } from './dataset-layout-error.js';

/**
 * Reads `<dir>/manifest.jsonl` (one JSON object a line, blank lines skipped), or null when the
 * folder has none.
 *
 * @param dir The dataset folder.
 * @returns The records in file order, or null.
 * @throws DatasetLayoutError naming the line that is not JSON or has no string `id`.
 * @example
 * ```ts
 * const ids = (await readManifest('data/cars'))?.map((r) => r.id);
 * ```
 */
export async function readManifest(dir: string): Promise<ManifestRecord[] | null> {
  const file = path.join(dir, 'manifest.jsonl');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      let rec: ManifestRecord;
      try {
        rec = JSON.parse(l) as ManifestRecord;
      } catch {
        throw new DatasetLayoutError(file, `line ${i + 1} is not JSON.`);
      }
      if (typeof rec?.id !== 'string') throw new DatasetLayoutError(file, `line ${i + 1} has no string "id".`);
      return rec;
    });
}
