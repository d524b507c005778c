import type { StyleGANConfig } from './create-config.js';
import { stageChannels } from './stage-channels.js';

/**
 * The activations a generator of `config` returns, by name, in forward order, with the shape of
 * one sample `[height, width, channels]`: every synthesis layer (`'4x4/Const'`, `'4x4/Conv'`,
 * `'8x8/Conv0_up'`, `'8x8/Conv1'`, ...), every block output after its last layer (`'4x4'`,
 * `'8x8'`, ...) and `'image'`. The one definition of the activation names (`StyleGAN.activationNames()`
 * lists these keys); worked out from the config alone, nothing is run.
 *
 * @param config The generator's config (resolution, fmap fields, numChannels).
 * @returns Name to `[h, w, c]`, in forward order.
 * @example
 * ```ts
 * activationShapes(createConfig({ resolution: 32, fmapBase: 128, fmapMax: 32 }))['16x16']; // [16, 16, 16]
 * ```
 */
export function activationShapes(
  config: Pick<StyleGANConfig, 'resolution' | 'fmapBase' | 'fmapDecay' | 'fmapMax' | 'numChannels'>,
): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  const log2 = Math.round(Math.log2(config.resolution));
  for (let r = 2; r <= log2; r++) {
    const s = 2 ** r;
    const c = stageChannels(config, r - 1);
    for (const inner of r === 2 ? ['Const', 'Conv'] : ['Conv0_up', 'Conv1']) out[`${s}x${s}/${inner}`] = [s, s, c];
    out[`${s}x${s}`] = [s, s, c];
  }
  out.image = [config.resolution, config.resolution, config.numChannels];
  return out;
}
