import path from 'node:path';
import { atomicWriteFile, hashWeights, replaceDirectory, writeWeightsFolder, type NamedWeight } from '@ganseg/io';
import type { Decoder } from './decoder.js';
import { _memberEntries } from './decoder.js';
import { IGNORE_INDEX } from '@ganseg/formats';

/** Options of {@link saveDecoder}. */
export interface SaveDecoderOptions {
  /** Written beside the weights as `train-log.json`. */
  trainLog?: unknown;
  /** Hash of the generator the decoder reads (recorded in model.json). */
  generatorHash?: string;
}

/** `model.json` of a saved decoder. */
export interface DecoderModelJson {
  format: 'ganseg-decoder';
  version: 1;
  arch: 'conv' | 'mlp';
  config: Decoder['config'];
  classes: Decoder['classes'];
  ignore: number;
  members: number;
  generatorHash: string | null;
  /** io's `hashWeights` of the weights (16 hex digits; folders saved before it hold sha256 of weights.bin, 64). */
  weightsHash: string;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
}

/**
 * Saves a decoder in the tfjs layout: `model.json` ({format: 'ganseg-decoder', arch, config,
 * classes, weightsManifest}) beside `weights.bin` (float32, little-endian, manifest order), plus
 * `train-log.json` when given. Written to a temporary folder, then renamed over `dir`; the old
 * `dir` stays until the new one is in, and what a killed save left is repaired by the next.
 *
 * @param decoder The decoder.
 * @param dir Target folder (replaced).
 * @param options Training log and generator hash to record.
 * @returns The model.json written.
 * @example
 * ```ts
 * await saveDecoder(decoder, 'runs/decoder', { trainLog: log });
 * ```
 */
export async function saveDecoder(decoder: Decoder, dir: string, options: SaveDecoderOptions = {}): Promise<DecoderModelJson> {
  const weights: NamedWeight[] = [];
  decoder.members.forEach((m, k) => {
    for (const [name, v] of _memberEntries(m)) weights.push({ name: `m${k}/${name}`, shape: v.shape, data: (v.dataSync() as Float32Array).slice() });
  });
  const meta = {
    format: 'ganseg-decoder' as const,
    version: 1 as const,
    arch: decoder.arch,
    config: decoder.config,
    classes: decoder.classes,
    ignore: IGNORE_INDEX,
    members: decoder.members.length,
    generatorHash: options.generatorHash ?? decoder.generatorHash ?? null,
    weightsHash: hashWeights(weights),
  };
  decoder.weightsHash = meta.weightsHash;
  // The old folder stays until the new one is renamed in; a killed save is repaired by the next.
  await replaceDirectory(dir, async (tmp) => {
    await writeWeightsFolder(tmp, weights, meta, { singleFile: 'weights.bin' });
    if (options.trainLog !== undefined) await atomicWriteFile(path.join(tmp, 'train-log.json'), JSON.stringify(options.trainLog, null, 1) + '\n');
  });
  return { ...meta, weightsManifest: [{ paths: ['weights.bin'], weights: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' as const })) }] };
}
