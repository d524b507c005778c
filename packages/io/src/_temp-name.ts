import path from 'node:path';

/** The temporary name {@link atomicWriteFile} writes `file` under: `.<name>.tmp-<pid>-<random>` in the same folder. */
export function _tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
}

/** Whether a folder entry is such a temporary name (starts with `.` and holds `.tmp-`). */
export function _isTempName(name: string): boolean {
  return name.startsWith('.') && name.includes('.tmp-');
}
