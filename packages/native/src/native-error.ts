/**
 * Raised when native kernels were required (`GANSEG_NATIVE=require` or `{ require: true }`) but
 * the addon could not be loaded; the message says why and how to get it.
 *
 * @example
 * ```ts
 * import { NativeError, registerNativeKernels } from '@ganseg/native';
 * try { registerNativeKernels({ require: true }); } catch (e) { if (e instanceof NativeError) console.error(e.message); }
 * ```
 */
export class NativeError extends Error {
  override name = 'NativeError';
}
