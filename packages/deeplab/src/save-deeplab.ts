import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { writeWeightsFolder, type NamedWeight } from '@ganseg/io';
import type { DeepLab } from './deep-lab.js';

/** The `model.json` of a saved DeepLab (tfjs weights layout). */
export interface DeepLabModelJson {
  format: 'ganseg-deeplab';
  version: 1;
  config: DeepLab['config'];
  classes: DeepLab['classes'];
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  /** Free-form notes (training options, epoch, ...). */
  meta?: Record<string, unknown>;
}

/**
 * Saves a DeepLab in the tfjs layout: `model.json` (`{format: 'ganseg-deeplab', config, classes,
 * weightsManifest}`) beside `weights.bin`. Each file is written to a temporary name and renamed,
 * the weights first, so a reader never sees a `model.json` without its weights.
 *
 * @param model The network.
 * @param dir The folder (created if missing).
 * @param meta_ Notes stored in `model.json` as `meta`.
 * @returns The path of `model.json`.
 * @example
 * ```ts
 * await saveDeepLab(model, 'runs/cars');
 * ```
 */
export async function saveDeepLab(model: DeepLab, dir: string, meta_?: Record<string, unknown>): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const weights: NamedWeight[] = [];
  for (const e of model.spec) {
    const w = model.weights.get(e.name)!;
    weights.push({ name: e.name, shape: w.shape, data: (await w.data()) as Float32Array });
  }
  const meta = { format: 'ganseg-deeplab', version: 1, config: model.config, classes: model.classes, ...(meta_ ? { meta: meta_ } : {}) };
  await writeWeightsFolder(dir, weights, meta, { singleFile: 'weights.bin' });
  const file = path.join(dir, 'model.json');
  return file;
}
