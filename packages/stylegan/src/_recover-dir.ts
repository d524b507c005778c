import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * What a {@link saveGenerator} killed between its two renames left beside `abs`: with `abs`
 * missing, the newest `<name>.old-*` (the previous generator, renamed aside just before the new
 * one was renamed in) is put back; other old copies and unfinished `<name>.tmp-*` folders are
 * removed. Returns whether `abs` was restored.
 */
export async function _recoverDir(abs: string): Promise<boolean> {
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch {
    return false;
  }
  let present = names.includes(base);
  let restored = false;
  const olds = names.filter((n) => n.startsWith(`${base}.old-`)).sort().reverse();
  for (const n of olds) {
    if (!present) {
      await fs.rename(path.join(parent, n), abs);
      present = restored = true;
    } else await fs.rm(path.join(parent, n), { recursive: true, force: true });
  }
  for (const n of names.filter((x) => x.startsWith(`${base}.tmp-`))) await fs.rm(path.join(parent, n), { recursive: true, force: true });
  return restored;
}
