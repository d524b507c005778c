import type { ClassInfo } from './class-info.js';

/**
 * The default classes of a workspace (the paper's hair task): background black, hair red. The
 * annotator uses the same.
 *
 * @example
 * ```ts
 * DEFAULT_CLASSES[1].name; // 'hair'
 * ```
 */
export const DEFAULT_CLASSES: readonly ClassInfo[] = Object.freeze([
  { name: 'background', color: [0, 0, 0] },
  { name: 'hair', color: [255, 0, 0] },
] as ClassInfo[]);
