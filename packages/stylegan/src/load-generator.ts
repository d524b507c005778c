import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { readWeightsFolder, recoverDirectory, WeightsFolderError } from '@ganseg/io';
import { createConfig, type StyleGANConfig } from './create-config.js';
import { GeneratorFormatError } from './generator-format-error.js';
import { StyleGAN } from './style-gan.js';

/**
 * Reads a generator written by {@link saveGenerator} (or by the converter, or the fixture maker):
 * `model.json` with `format: 'ganseg-stylegan'`, the config, and a tfjs `weightsManifest` whose
 * groups' shards are concatenated and sliced in entry order. The weights are then checked
 * strictly against the spec.
 *
 * @param dir The folder holding `model.json`.
 * @returns The generator.
 * @throws GeneratorFormatError on an unreadable folder; WeightsMismatchError (`@ganseg/io`) on weights that do not
 * match the config; StyleGANConfigError on a bad config.
 * @example
 * ```ts
 * const gen = await loadGenerator('models/ffhq-1024');
 * ```
 */
export async function loadGenerator(dir: string): Promise<StyleGAN> {
  const modelPath = path.join(dir, 'model.json');
  // a save killed between its two renames left the previous generator aside: put it back
  await fs.access(modelPath).catch(() => recoverDirectory(dir));
  let folder: Awaited<ReturnType<typeof readWeightsFolder>>;
  try {
    folder = await readWeightsFolder(dir);
  } catch (e) {
    if (!(e instanceof WeightsFolderError)) throw e;
    const problem = e.message.slice(e.file.length + 2 + (e.key ? `weight "${e.key}": `.length : 0));
    throw new GeneratorFormatError(e.file, problem, e.key);
  }
  const model = folder.model as { format?: unknown; config?: unknown };
  if (model.format !== 'ganseg-stylegan') {
    throw new GeneratorFormatError(modelPath, `format is ${JSON.stringify(model.format)}, expected "ganseg-stylegan"`);
  }
  if (typeof model.config !== 'object' || model.config === null) {
    throw new GeneratorFormatError(modelPath, 'no "config" object');
  }
  const config: StyleGANConfig = createConfig(model.config as Partial<StyleGANConfig>, modelPath);
  const weights: Record<string, tf.Tensor> = {};
  try {
    for (const w of folder.weights) weights[w.name] = tf.tensor(w.data, w.shape, 'float32');
    return StyleGAN.fromWeights(config, weights, modelPath);
  } finally {
    tf.dispose(Object.values(weights));
  }
}
