import { writeWeightsFolder } from '@ganseg/io';
import type { StyleGANConfig, WeightArray } from './_types.js';

/**
 * Writes `model.json` ({format: 'ganseg-stylegan', config, weightsManifest}) and float32 `.bin`
 * shards (4 MiB, tfjs's default) into an existing folder through io's weights-folder writer.
 * Weights go in the given order.
 */
export async function _tfjsFiles(dir: string, config: StyleGANConfig, weights: Record<string, WeightArray>): Promise<string[]> {
  const named = Object.keys(weights).map((n) => ({ name: n, shape: weights[n].shape, data: weights[n].data }));
  return writeWeightsFolder(dir, named, { format: 'ganseg-stylegan', generatedBy: '@ganseg/stylegan-gluon-converter', config });
}
