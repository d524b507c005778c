import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { checkWeights } from '@ganseg/io';
import { DeepLab } from './deep-lab.js';
import { resolveDeepLabConfig } from './deeplab-config.js';
import { DeepLabConfigError } from './deeplab-config-error.js';
import { deepLabWeightSpec } from './deeplab-weight-spec.js';
import type { DeepLabModelJson } from './save-deeplab.js';

/**
 * Loads a DeepLab saved by `saveDeepLab` (or a training run's output folder). Strict: every
 * tensor of the configured network must be there with its shape, and nothing else.
 *
 * @param dir The folder holding `model.json` (or the path of `model.json` itself).
 * @returns The network and the `meta` notes stored with it.
 * @example
 * ```ts
 * const { model } = await loadDeepLab('runs/cars');
 * ```
 */
export async function loadDeepLab(dir: string): Promise<{ model: DeepLab; meta: Record<string, unknown> }> {
  const file = dir.endsWith('.json') ? dir : path.join(dir, 'model.json');
  let json: DeepLabModelJson;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8')) as DeepLabModelJson;
  } catch (e) {
    throw new DeepLabConfigError(`${file}: cannot read a DeepLab model.json (${(e as Error).message}).`);
  }
  if (json.format !== 'ganseg-deeplab') {
    throw new DeepLabConfigError(`${file}: format "${String(json.format)}", expected "ganseg-deeplab".`);
  }
  const config = resolveDeepLabConfig(json.config);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) buffers.push(await fs.readFile(path.join(path.dirname(file), p)));
    specs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  const expected = new Map(deepLabWeightSpec(config).map((e) => [e.name, e]));
  checkWeights([...expected.values()], new Map(specs.map((s) => [s.name, s])), { source: file });
  const tensors = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), specs);
  const weights = new Map<string, tf.Variable>();
  for (const e of expected.values()) weights.set(e.name, tf.variable(tensors[e.name] as tf.Tensor, e.trainable));
  tf.dispose(tensors);
  const classes = json.classes?.length === config.numClasses ? json.classes : [];
  if (classes.length !== config.numClasses) {
    throw new DeepLabConfigError(`${file}: ${json.classes?.length ?? 0} classes for numClasses ${config.numClasses}.`);
  }
  return { model: new DeepLab(config, classes, weights), meta: json.meta ?? {} };
}
