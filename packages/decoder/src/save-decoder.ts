import path from 'node:path';
import { atomicWriteFile, replaceDirectory } from '@ganseg/io';
import type { Decoder } from './decoder.js';
import { _memberEntries } from './decoder.js';
import { _sha256 } from './_sha256.js';
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
  /** sha256 of weights.bin. */
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
  const specs: { name: string; shape: number[]; dtype: 'float32' }[] = [];
  const chunks: Uint8Array[] = [];
  decoder.members.forEach((m, k) => {
    for (const [name, v] of _memberEntries(m)) {
      const data = v.dataSync() as Float32Array;
      specs.push({ name: `m${k}/${name}`, shape: v.shape, dtype: 'float32' });
      chunks.push(new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
    }
  });
  const total = chunks.reduce((s, c) => s + c.byteLength, 0);
  const bin = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    bin.set(c, off);
    off += c.byteLength;
  }
  const model: DecoderModelJson = {
    format: 'ganseg-decoder',
    version: 1,
    arch: decoder.arch,
    config: decoder.config,
    classes: decoder.classes,
    ignore: IGNORE_INDEX,
    members: decoder.members.length,
    generatorHash: options.generatorHash ?? decoder.generatorHash ?? null,
    weightsHash: _sha256(bin),
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
  };
  decoder.weightsHash = model.weightsHash;
  // The old folder stays until the new one is renamed in; a killed save is repaired by the next.
  await replaceDirectory(dir, async (tmp) => {
    await atomicWriteFile(path.join(tmp, 'weights.bin'), bin);
    await atomicWriteFile(path.join(tmp, 'model.json'), JSON.stringify(model, null, 1) + '\n');
    if (options.trainLog !== undefined) await atomicWriteFile(path.join(tmp, 'train-log.json'), JSON.stringify(options.trainLog, null, 1) + '\n');
  });
  return model;
}
