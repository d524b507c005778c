import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { atomicWriteFile } from '@ganseg/io';
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
 * @param meta Notes stored in `model.json` as `meta`.
 * @returns The path of `model.json`.
 * @example
 * ```ts
 * await saveDeepLab(model, 'runs/cars');
 * ```
 */
export async function saveDeepLab(model: DeepLab, dir: string, meta?: Record<string, unknown>): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const named: tf.NamedTensorMap = {};
  for (const e of model.spec) named[e.name] = model.weights.get(e.name)!;
  const { data, specs } = await tf.io.encodeWeights(named);
  await atomicWriteFile(path.join(dir, 'weights.bin'), new Uint8Array(data));
  const json: DeepLabModelJson = {
    format: 'ganseg-deeplab',
    version: 1,
    config: model.config,
    classes: model.classes,
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
    ...(meta ? { meta } : {}),
  };
  const file = path.join(dir, 'model.json');
  await atomicWriteFile(file, JSON.stringify(json, null, 1) + '\n');
  return file;
}
