import type { StyleGANConfig } from './create-config.js';

/** The config fields StyleGAN's channel rule reads. */
export type ChannelConfig = Pick<StyleGANConfig, 'fmapBase' | 'fmapDecay' | 'fmapMax'>;

/**
 * StyleGAN's channel rule, official `nf(stage)`: `min(floor(fmapBase / 2^(stage * fmapDecay)),
 * fmapMax)`. Block `2^r x 2^r` of the generator has `nf(r - 1)` channels. Defined once here; the
 * feature specs, the converter and the trainer's discriminator use it.
 *
 * @param config The fmap fields of a config.
 * @param stage The stage (1 for 4x4, 2 for 8x8, ...).
 * @returns The number of feature maps.
 * @example
 * ```ts
 * stageChannels(createConfig({ resolution: 1024 }), 1); // 512
 * ```
 */
export function stageChannels(config: ChannelConfig, stage: number): number {
  return Math.min(Math.floor(config.fmapBase / 2 ** (stage * config.fmapDecay)), config.fmapMax);
}
