import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { recoverDirectory } from '@ganseg/io';
import { createConfig, type StyleGANConfig } from './create-config.js';
import { GeneratorFormatError } from './generator-format-error.js';
import { StyleGAN } from './style-gan.js';

interface _ManifestEntry {
  name: string;
  shape: number[];
  dtype?: string;
}

/**
 * Reads a generator written by {@link saveGenerator} (or by the converter, or the fixture maker):
 * `model.json` with `format: 'ganseg-stylegan'`, the config, and a tfjs `weightsManifest` whose
 * groups' shards are concatenated and sliced in entry order. The weights are then checked
 * strictly against the spec.
 *
 * @param dir The folder holding `model.json`.
 * @returns The generator.
 * @throws GeneratorFormatError on an unreadable folder; WeightSpecError on weights that do not
 * match the config; StyleGANConfigError on a bad config.
 * @example
 * ```ts
 * const gen = await loadGenerator('models/ffhq-1024');
 * ```
 */
export async function loadGenerator(dir: string): Promise<StyleGAN> {
  const modelPath = path.join(dir, 'model.json');
  let text: string;
  try {
    text = await fs.readFile(modelPath, 'utf8').catch(async (e: unknown) => {
      // a save killed between its two renames left the previous generator aside: put it back
      if (await recoverDirectory(dir)) return fs.readFile(modelPath, 'utf8');
      throw e;
    });
  } catch (e) {
    throw new GeneratorFormatError(modelPath, `cannot read (${(e as Error).message}); expected a generator folder with model.json`);
  }
  let model: { format?: unknown; config?: unknown; weightsManifest?: unknown };
  try {
    model = JSON.parse(text);
  } catch (e) {
    throw new GeneratorFormatError(modelPath, `not valid JSON (${(e as Error).message})`);
  }
  if (model.format !== 'ganseg-stylegan') {
    throw new GeneratorFormatError(modelPath, `format is ${JSON.stringify(model.format)}, expected "ganseg-stylegan"`);
  }
  if (typeof model.config !== 'object' || model.config === null) {
    throw new GeneratorFormatError(modelPath, 'no "config" object');
  }
  const config: StyleGANConfig = createConfig(model.config as Partial<StyleGANConfig>, modelPath);
  if (!Array.isArray(model.weightsManifest)) {
    throw new GeneratorFormatError(modelPath, 'no "weightsManifest" array');
  }
  const weights: Record<string, tf.Tensor> = {};
  try {
    for (const group of model.weightsManifest as { paths?: unknown; weights?: unknown }[]) {
      if (!Array.isArray(group.paths) || !Array.isArray(group.weights)) {
        throw new GeneratorFormatError(modelPath, 'a weightsManifest group lacks "paths" or "weights"');
      }
      const bufs: Buffer[] = [];
      for (const p of group.paths as string[]) {
        const f = path.join(dir, String(p));
        try {
          bufs.push(await fs.readFile(f));
        } catch (e) {
          throw new GeneratorFormatError(f, `cannot read shard (${(e as Error).message})`);
        }
      }
      const buf = Buffer.concat(bufs);
      const shardName = path.join(dir, String((group.paths as string[])[0] ?? ''));
      let off = 0;
      for (const entry of group.weights as _ManifestEntry[]) {
        const dtype = entry.dtype ?? 'float32';
        if (dtype !== 'float32') {
          throw new GeneratorFormatError(modelPath, `dtype ${dtype} is not supported, expected float32`, entry.name);
        }
        if (!Array.isArray(entry.shape) || entry.shape.some((d) => !Number.isInteger(d) || d < 0)) {
          throw new GeneratorFormatError(modelPath, `bad shape ${JSON.stringify(entry.shape)}`, entry.name);
        }
        const n = entry.shape.reduce((a, b) => a * b, 1);
        if (off + 4 * n > buf.byteLength) {
          throw new GeneratorFormatError(shardName, `shards end at byte ${buf.byteLength}, weight needs bytes ${off}..${off + 4 * n}`, entry.name);
        }
        const data = new Float32Array(n);
        new Uint8Array(data.buffer).set(buf.subarray(off, off + 4 * n));
        off += 4 * n;
        if (weights[entry.name] !== undefined) {
          throw new GeneratorFormatError(modelPath, 'listed twice in weightsManifest', entry.name);
        }
        weights[entry.name] = tf.tensor(data, entry.shape, 'float32');
      }
      if (off !== buf.byteLength) {
        throw new GeneratorFormatError(shardName, `shards hold ${buf.byteLength} bytes, the manifest lists ${off}`);
      }
    }
    return StyleGAN.fromWeights(config, weights, modelPath);
  } finally {
    tf.dispose(Object.values(weights));
  }
}
