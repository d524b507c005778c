/**
 * The class id that means "not annotated / ignore" in every class-index mask ganseg reads or
 * writes (workspace masks, dataset masks, imported masks). Defined here once.
 *
 * @example
 * ```ts
 * const labelled = mask.filter((v) => v !== IGNORE_INDEX).length;
 * ```
 */
export const IGNORE_INDEX = 255;
