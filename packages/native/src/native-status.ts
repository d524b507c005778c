import { _loadAddon } from './_addon.js';
import type { NativeStatus } from './register-native-kernels.js';

/**
 * Whether the oneDNN addon can be loaded here, with its version, ISA and threads, or why not
 * (no compiler, no oneDNN headers, `GANSEG_NATIVE=0`, ...), without registering anything.
 *
 * @returns The addon's status; `kernels` is empty.
 * @example
 * ```ts
 * import { nativeStatus } from '@ganseg/native';
 * const s = nativeStatus();
 * console.log(s.enabled ? `oneDNN ${s.onednn}, ${s.isa}, ${s.threads} threads` : `plain wasm: ${s.reason}`);
 * ```
 */
export function nativeStatus(): NativeStatus {
  const { addon, reason } = _loadAddon();
  if (addon == null) return { enabled: false, reason, kernels: [] };
  const i = addon.info();
  return { enabled: true, reason: null, onednn: i.onednn, isa: i.isa, runtime: i.runtime, threads: i.threads, kernels: [] };
}
