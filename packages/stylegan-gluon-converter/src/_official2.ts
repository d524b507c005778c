import { CheckpointError } from '@ganseg/checkpoint-readers';
import { createConfig } from '@ganseg/stylegan';
import { _fitFmaps, _MAX_LOG2_RESOLUTION } from './_spec.js';
import type { StyleGANConfig, WeightArray } from './_types.js';

/**
 * The mapping's depth and first and last dense weights, and log2 of the resolution (the deepest
 * `RxR/Conv1` block) of canonical weights, v1 or v2.
 */
export function _shapeOf(found: Record<string, WeightArray>, file: string): { mappingLayers: number; d0: WeightArray; dl: WeightArray; R: number } {
  let mappingLayers = 0;
  while (found[`G_mapping/Dense${mappingLayers}/weight`]) mappingLayers++;
  const d0 = found['G_mapping/Dense0/weight'];
  const dl = found[`G_mapping/Dense${mappingLayers - 1}/weight`];
  if (!d0 || !dl || d0.shape.length !== 2 || dl.shape.length !== 2) {
    throw new CheckpointError('missing-key', file, 'G_mapping/Dense0/weight is missing or not 2-D; cannot read the mapping network', { key: 'G_mapping/Dense0/weight' });
  }
  let R = 2;
  while (found[`G_synthesis/${2 ** (R + 1)}x${2 ** (R + 1)}/Conv1/weight`]) {
    R++;
    if (R > _MAX_LOG2_RESOLUTION) {
      throw new CheckpointError('bad-value', file, `the variables name blocks up to ${2 ** R}x${2 ** R} or more; StyleGAN generators go up to ${2 ** _MAX_LOG2_RESOLUTION} px`,
        { key: `G_synthesis/${2 ** R}x${2 ** R}/Conv1/weight`, expected: `<= ${2 ** _MAX_LOG2_RESOLUTION} px`, found: `>= ${2 ** R} px` });
    }
  }
  return { mappingLayers, d0, dl, R };
}

/**
 * The StyleGAN2 config from canonical (TF-named) weights: resolution from the deepest
 * `RxR/Conv1` block, widths from the conv kernels, mapping from the dense layers; kwargs where the
 * shapes say nothing (mapping_lrmul). `convClamp` is passed in (ADA's conv_clamp; TF files: none).
 */
export function _stylegan2Config(found: Record<string, WeightArray>, file: string, opts: { mappingLrmul?: number; convClamp?: number }): StyleGANConfig {
  const { mappingLayers, d0, dl, R } = _shapeOf(found, file);
  if (!found['G_synthesis/4x4/Conv/mod_weight']) {
    throw new CheckpointError('unknown-format', file, 'the network is labelled StyleGAN2 but has no G_synthesis/4x4/Conv/mod_weight (no modulated convolutions); expected a StyleGAN2 config-e/f generator',
      { key: 'G_synthesis/4x4/Conv/mod_weight', expected: 'StyleGAN2 variables', found: 'none' });
  }
  const c4 = found['G_synthesis/4x4/Conv/weight'];
  if (!c4 || c4.shape.length !== 4) {
    throw new CheckpointError('missing-key', file, 'G_synthesis/4x4/Conv/weight is missing or not 4-D; cannot read the synthesis network', { key: 'G_synthesis/4x4/Conv/weight', expected: '[3, 3, C, C]' });
  }
  const channels = [c4.shape[3]];
  for (let r = 3; r <= R; r++) {
    const w = found[`G_synthesis/${2 ** r}x${2 ** r}/Conv1/weight`];
    channels.push(w.shape.length === 4 ? w.shape[3] : 0);
  }
  const rgb = found['G_synthesis/4x4/ToRGB/weight'];
  return {
    architecture: 'stylegan2',
    ...createConfig(), // the official defaults, for the keys the file does not set
    resolution: 2 ** R,
    latentSize: d0.shape[0],
    dlatentSize: dl.shape[1],
    mappingLayers,
    mappingFmaps: d0.shape[1],
    mappingLrmul: opts.mappingLrmul ?? 0.01,
    ..._fitFmaps(channels),
    numChannels: rgb && rgb.shape.length === 4 ? rgb.shape[3] : 3,
    convClamp: opts.convClamp ?? 0,
  };
}

/**
 * Refuses StyleGAN2 TensorFlow networks other than the config-e/f skip generator: the revised
 * StyleGAN of configs a-d, the `orig` and `resnet` architectures, conditional (label) generators
 * and other resampling filters.
 */
export function _checkStylegan2Kwargs(funcs: string[], kw: Map<string, unknown>, file: string): void {
  const revised = funcs.find((f) => /G_synthesis_stylegan_revised/.test(f));
  if (revised) {
    throw new CheckpointError('unknown-format', file, `this StyleGAN2 network uses ${revised} (configs a-d); only the config-e/f generator (G_synthesis_stylegan2, skip) is converted`,
      { key: 'build_func_name', expected: 'G_synthesis_stylegan2', found: revised });
  }
  const arch = kw.get('architecture');
  if (arch !== undefined && arch !== 'skip') {
    throw new CheckpointError('unknown-format', file, `this StyleGAN2 generator has architecture "${String(arch)}"; only "skip" (configs e and f, every released model) is converted`,
      { key: 'static_kwargs.architecture', expected: 'skip', found: String(arch) });
  }
  const labels = kw.get('label_size');
  if (typeof labels === 'number' && labels > 0) {
    throw new CheckpointError('unknown-format', file, `this is a conditional StyleGAN2 generator (label_size ${labels}); only unconditional generators are converted`,
      { key: 'static_kwargs.label_size', expected: '0', found: String(labels) });
  }
  const k = kw.get('resample_kernel');
  if (Array.isArray(k) && k.join(',') !== '1,3,3,1') {
    throw new CheckpointError('unknown-format', file, `this StyleGAN2 generator resamples with [${k.join(', ')}]; only the official [1, 3, 3, 1] filter is implemented`,
      { key: 'static_kwargs.resample_kernel', expected: '[1, 3, 3, 1]', found: `[${k.join(', ')}]` });
  }
}
