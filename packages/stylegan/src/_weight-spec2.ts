import type { StyleGANConfig } from './create-config.js';
import type { WeightSpecEntry } from './weight-spec.js';
import { _layers, _log2res } from './_arch.js';
import { stageChannels } from './stage-channels.js';

/**
 * The StyleGAN2 (`G_synthesis_stylegan2`, skip architecture) weights: the official TensorFlow `Gs`
 * variable names and shapes. Mapping and `dlatent_avg` as v1; `4x4/Const/const`; per modulated conv
 * `weight` [3, 3, in, out], `mod_weight` [dlatent, in], `mod_bias` [in] (1 is added at run time),
 * `noise_strength` [], `bias` [out]; per resolution `ToRGB/{weight [1, 1, C, 3], mod_weight,
 * mod_bias, bias}`; `noise0..noise{numLayers-2}` [1, 1, r, r].
 */
export function _weightSpec2(config: StyleGANConfig, mapping: WeightSpecEntry[]): WeightSpecEntry[] {
  const spec: WeightSpecEntry[] = [...mapping];
  const D = config.dlatentSize;
  const nc = config.numChannels;
  const layers = _layers(config);
  spec.push({ name: 'G_synthesis/4x4/Const/const', shape: [1, stageChannels(config, 1), 4, 4] });
  for (let r = 2; r <= _log2res(config); r++) {
    const s = 2 ** r;
    for (const l of layers.filter((x) => x.res === s)) {
      const p = `G_synthesis/${l.scope}`;
      spec.push({ name: `${p}/weight`, shape: [3, 3, l.inChannels, l.channels] });
      spec.push({ name: `${p}/mod_weight`, shape: [D, l.inChannels] });
      spec.push({ name: `${p}/mod_bias`, shape: [l.inChannels] });
      spec.push({ name: `${p}/noise_strength`, shape: [] });
      spec.push({ name: `${p}/bias`, shape: [l.channels] });
    }
    const c = stageChannels(config, r - 1);
    const p = `G_synthesis/${s}x${s}/ToRGB`;
    spec.push({ name: `${p}/weight`, shape: [1, 1, c, nc] });
    spec.push({ name: `${p}/mod_weight`, shape: [D, c] });
    spec.push({ name: `${p}/mod_bias`, shape: [c] });
    spec.push({ name: `${p}/bias`, shape: [nc] });
  }
  for (const l of layers) spec.push({ name: `G_synthesis/noise${l.index}`, shape: [1, 1, l.res, l.res] });
  return spec;
}
