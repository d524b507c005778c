/**
 * The truncation psi ganseg uses when none is given (sampling a workspace, synthesizing a dataset,
 * predicting masks, experiments): 0.7, with the official cutoff (`defaultCutoff`: 8 layers for
 * StyleGAN, every layer for StyleGAN2).
 *
 * @example
 * ```ts
 * const psi = options.truncation ?? DEFAULT_TRUNCATION;
 * ```
 */
export const DEFAULT_TRUNCATION = 0.7;
