import { _loadAddon } from './_addon.js';

/**
 * Sets the OpenMP threads of the native kernels called from this thread (each worker thread
 * sets its own). A no-op without the addon.
 *
 * @param n Threads, at least 1.
 * @returns The threads now in force, or 0 without the addon.
 * @example
 * ```ts
 * import { setNativeThreads } from '@ganseg/native';
 * setNativeThreads(1); // one OpenMP thread per data-parallel worker
 * ```
 */
export function setNativeThreads(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setNativeThreads: n must be a positive integer; got ${n}`);
  const { addon } = _loadAddon();
  return addon ? addon.setThreads(n) : 0;
}
