import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Writes `data` to `file` through a temporary name in the same folder, then renames it. */
export async function _atomicWrite(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/** Whether `file` exists. */
export async function _exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** sha256 hex of bytes. */
export function _sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
