import path from 'node:path';
import { ImportError } from './import-error.js';

/** The dataset id of an image file: its base name without extension, unsafe characters as `_`. */
export function _idOf(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  return base.replace(/[^A-Za-z0-9._-]/g, '_') || '_';
}

/** Throws when two samples would get one id. */
export function _checkUniqueIds(where: string, items: readonly { id: string; source: string }[]): void {
  const seen = new Map<string, string>();
  for (const it of items) {
    const other = seen.get(it.id);
    if (other !== undefined) {
      throw new ImportError(where, `${other} and ${it.source} would both become images/${it.id}.png; rename one of them.`);
    }
    seen.set(it.id, it.source);
  }
}
