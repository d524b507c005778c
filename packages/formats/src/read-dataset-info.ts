import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ClassInfo } from './class-info.js';
import type { DatasetInfo } from './dataset-info.js';
import { DatasetLayoutError } from './dataset-layout-error.js';
import { IGNORE_INDEX } from './ignore-index.js';
import { paletteColor } from './palette-color.js';

function _classes(file: string, raw: unknown): ClassInfo[] {
  const list = (raw as { classes?: unknown })?.classes;
  if (!Array.isArray(list) || list.length === 0 || list.length > 255) {
    throw new DatasetLayoutError(file, 'expected "classes": a list of 1 to 255 class names or {name, color} objects.');
  }
  return list.map((c, i) => {
    if (typeof c === 'string') return { name: c, color: paletteColor(i) };
    const o = c as { name?: unknown; color?: unknown };
    if (typeof o?.name !== 'string') throw new DatasetLayoutError(file, `classes[${i}]: expected a name.`);
    const color = Array.isArray(o.color) && o.color.length === 3 ? (o.color as [number, number, number]) : paletteColor(i);
    return { name: o.name, color };
  });
}

/**
 * Reads and checks `<dir>/dataset.json`, the one reader of that file: its `classes` (names, or
 * `{name, color}` objects; a missing colour is {@link paletteColor}'s), `ignore` (default 255), and
 * every other key as written.
 *
 * @param dir The dataset folder.
 * @returns The dataset's info, classes normalised to `{name, color}`.
 * @throws DatasetLayoutError naming the file when it is missing, a directory, not JSON, or has no valid `classes`.
 * @example
 * ```ts
 * const { classes, ignore } = await readDatasetInfo('data/cars');
 * ```
 */
export async function readDatasetInfo(dir: string): Promise<DatasetInfo> {
  const file = path.join(dir, 'dataset.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const why =
      'every dataset needs dataset.json with its "classes"; bring a plain images/ + masks/ folder, COCO or VOC data in with `ganseg dataset import <src> -o <new dir> --format folder|coco|voc`';
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw new DatasetLayoutError(file, `is a directory (${why}); expected a file.`);
    throw new DatasetLayoutError(file, `missing (${why}).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DatasetLayoutError(file, `not valid JSON (${(e as Error).message}).`);
  }
  const classes = _classes(file, raw);
  const ignore = typeof (raw as { ignore?: unknown }).ignore === 'number' ? (raw as { ignore: number }).ignore : IGNORE_INDEX;
  return { ...(raw as DatasetInfo), classes, ignore };
}
