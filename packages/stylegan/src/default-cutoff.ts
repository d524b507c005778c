import type { StyleGANConfig } from './create-config.js';
import { _numStyles } from './_arch.js';

/**
 * The official default truncation cutoff (number of W+ layers the truncation trick applies to):
 * 8 for StyleGAN (v1, `G_style`'s `truncation_cutoff=8`), every layer for StyleGAN2 (`G_main`'s
 * and StyleGAN2-ADA's `truncation_cutoff=None`).
 *
 * @param config The architecture.
 * @returns The cutoff: 8, or 2 log2(resolution) - 2 for StyleGAN2.
 * @example
 * ```ts
 * import { createConfig, defaultCutoff } from '@ganseg/stylegan';
 * defaultCutoff(createConfig());                               // 8
 * defaultCutoff(createConfig({ architecture: 'stylegan2' }));  // 18
 * ```
 */
export function defaultCutoff(config: StyleGANConfig): number {
  return config.architecture === 'stylegan2' ? _numStyles(config) : 8;
}
