import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The URL of a compiled sibling module for a WorkerPool: `name` next to the calling module when
 * it exists there (the package runs from dist/), else `../dist/name` (tests run the TypeScript in
 * src/, and workers need the built JavaScript).
 *
 * @param importMetaUrl The caller's `import.meta.url`.
 * @param name The module's file name, e.g. `'_train-worker.js'`.
 * @example
 * ```ts
 * const pool = new WorkerPool({ moduleUrl: builtModuleUrl(import.meta.url, '_train-worker.js') });
 * ```
 */
export function builtModuleUrl(importMetaUrl: string, name: string): URL {
  const here = new URL(`./${name}`, importMetaUrl);
  return existsSync(fileURLToPath(here)) ? here : new URL(`../dist/${name}`, importMetaUrl);
}
