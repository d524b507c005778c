import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Repairs what writers of `dir` killed mid-way left beside it (the one recovery of every folder
 * written by {@link replaceDirectory}, and of the layouts earlier writers used): when `dir` is
 * missing while an old copy sits aside (`.<name>.old-*`, `<name>.old-*`, `.<name>.tmp-*.old`), the
 * first in name order is put back; other old copies and unfinished new folders (`.<name>.new-*`,
 * `.<name>.tmp-*`, `<name>.tmp-*`) are removed. Only one writer a folder at a time.
 *
 * @param dir The folder.
 * @param options `onStale`, told of each entry restored or removed.
 * @returns Whether `dir` was restored from an old copy.
 * @example
 * ```ts
 * if (await recoverDirectory('out/gen')) console.log('out/gen: put back after a killed save');
 * ```
 */
export async function recoverDirectory(dir: string, options: { onStale?: (message: string) => void } = {}): Promise<boolean> {
  const tell = options.onStale ?? (() => {});
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch {
    return false;
  }
  const isOld = (n: string) => n.startsWith(`.${base}.old-`) || n.startsWith(`${base}.old-`) || (n.startsWith(`.${base}.tmp-`) && n.endsWith('.old'));
  const isNew = (n: string) => !isOld(n) && (n.startsWith(`.${base}.new-`) || n.startsWith(`.${base}.tmp-`) || n.startsWith(`${base}.tmp-`));
  const olds = names.filter(isOld).sort();
  let present = await fs.stat(abs).then(() => true, () => false);
  let restored = false;
  for (const n of olds) {
    const p = path.join(parent, n);
    if (!present) {
      await fs.rename(p, abs);
      present = restored = true;
      tell(`${abs}: restored from ${p}, left aside by a run killed while replacing it`);
    } else {
      await fs.rm(p, { recursive: true, force: true });
      tell(`${p}: removed (the old copy of ${abs} a killed run left)`);
    }
  }
  for (const n of names.filter(isNew)) {
    await fs.rm(path.join(parent, n), { recursive: true, force: true });
    tell(`${path.join(parent, n)}: removed (an unfinished folder a killed run left)`);
  }
  return restored;
}
