import type { StyleGANConfig } from './create-config.js';
import { _layers, _log2res } from './_arch.js';
import { stageChannels } from './stage-channels.js';
import { _weightSpec2 } from './_weight-spec2.js';

/** One canonical weight: its official name and TF-layout shape. */
export interface WeightSpecEntry {
  /** Official variable name of the `Gs` network, e.g. `G_synthesis/8x8/Conv0_up/weight`. */
  name: string;
  /** Official shape: dense [in, out], conv [kh, kw, in, out], const [1, C, 4, 4], noise [1, 1, r, r] (v2 noise_strength: []). */
  shape: number[];
}

/**
 * The canonical, ordered list of weights a generator with this config has: the official NVIDIA
 * StyleGAN (v1) `Gs` variable names and TF shapes (mapping, `dlatent_avg`, synthesis layers,
 * `ToRGB_lod0`, the `noise{i}` buffers), or for `architecture: 'stylegan2'` the official StyleGAN2
 * `Gs` names (`G_synthesis/8x8/Conv0_up/mod_weight`, `.../noise_strength`, `G_synthesis/8x8/ToRGB/weight`,
 * ...). Converters map checkpoints onto it.
 *
 * @param config The architecture.
 * @returns The entries, mapping first, then synthesis coarse to fine, then noise buffers.
 * @example
 * ```ts
 * import { createConfig, weightSpec } from '@ganseg/stylegan';
 * const spec = weightSpec(createConfig());
 * spec.find((e) => e.name === 'G_synthesis/1024x1024/Conv1/weight')?.shape; // [3, 3, 32, 32]
 * ```
 */
export function weightSpec(config: StyleGANConfig): WeightSpecEntry[] {
  const spec: WeightSpecEntry[] = [];
  const L = config.mappingLayers;
  for (let i = 0; i < L; i++) {
    const fin = i === 0 ? config.latentSize : config.mappingFmaps;
    const fout = i === L - 1 ? config.dlatentSize : config.mappingFmaps;
    spec.push({ name: `G_mapping/Dense${i}/weight`, shape: [fin, fout] });
    spec.push({ name: `G_mapping/Dense${i}/bias`, shape: [fout] });
  }
  spec.push({ name: 'dlatent_avg', shape: [config.dlatentSize] });
  if (config.architecture === 'stylegan2') return _weightSpec2(config, spec);
  const D = config.dlatentSize;
  for (const layer of _layers(config)) {
    const p = `G_synthesis/${layer.scope}`;
    const c = layer.channels;
    if (layer.kind === 'const') spec.push({ name: `${p}/const`, shape: [1, c, 4, 4] });
    else spec.push({ name: `${p}/weight`, shape: [3, 3, layer.inChannels, c] });
    spec.push({ name: `${p}/Noise/weight`, shape: [c] });
    spec.push({ name: `${p}/bias`, shape: [c] });
    spec.push({ name: `${p}/StyleMod/weight`, shape: [D, 2 * c] });
    spec.push({ name: `${p}/StyleMod/bias`, shape: [2 * c] });
  }
  const clast = stageChannels(config, _log2res(config) - 1);
  spec.push({ name: 'G_synthesis/ToRGB_lod0/weight', shape: [1, 1, clast, config.numChannels] });
  spec.push({ name: 'G_synthesis/ToRGB_lod0/bias', shape: [config.numChannels] });
  for (const layer of _layers(config)) {
    spec.push({ name: `G_synthesis/noise${layer.index}`, shape: [1, 1, layer.res, layer.res] });
  }
  return spec;
}
