/**
 * The truncation psi ganseg uses when none is given (sampling a workspace, synthesizing a dataset,
 * predicting masks, experiments): 0.7, with the cutoff of the official StyleGAN (8 layers).
 *
 * @example
 * ```ts
 * const psi = options.truncation ?? DEFAULT_TRUNCATION;
 * ```
 */
export const DEFAULT_TRUNCATION = 0.7;
