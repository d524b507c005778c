import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Decoder } from './decoder.js';
import { DecoderError } from './decoder-error.js';
import type { DecoderModelJson } from './save-decoder.js';
import { _sha256 } from './_sha256.js';
import { _initConvDecoder } from './_conv-decoder.js';
import { _initMlpDecoder } from './_mlp-decoder.js';
import { checkWeights, hashWeights } from '@ganseg/io';
import { createRng } from '@ganseg/runtime';
import type { _Params } from './_layers.js';

/**
 * Loads a decoder saved by `saveDecoder`, strictly: every weight the architecture needs must be in
 * the manifest with its shape, and nothing else.
 *
 * @param dir The folder holding model.json and weights.bin.
 * @returns The decoder (dispose it when done).
 * @throws DecoderError on an unreadable folder; WeightsMismatchError (`@ganseg/io`) naming the file
 *   and every missing, unexpected, mis-shaped or non-finite weight.
 * @example
 * ```ts
 * const dec = await loadDecoder('runs/decoder');
 * console.log(dec.arch, dec.classes.map((c) => c.name));
 * ```
 */
export async function loadDecoder(dir: string): Promise<Decoder> {
  const mj = path.join(dir, 'model.json');
  let model: DecoderModelJson;
  try {
    model = JSON.parse(await fs.readFile(mj, 'utf8'));
  } catch (e) {
    throw new DecoderError(`${mj}: cannot read a decoder model.json (${(e as Error).message}); expected the folder written by \`ganseg train-decoder\`.`);
  }
  if (model.format !== 'ganseg-decoder') throw new DecoderError(`${mj}: format is "${String(model.format)}"; expected "ganseg-decoder".`);
  if (model.arch !== 'conv' && model.arch !== 'mlp') throw new DecoderError(`${mj}: arch is "${String(model.arch)}"; expected "conv" or "mlp".`);
  const group = model.weightsManifest?.[0];
  if (!group) throw new DecoderError(`${mj}: weightsManifest is empty.`);
  const binFile = path.join(dir, group.paths[0]);
  const bin = new Uint8Array(await fs.readFile(binFile));
  const byName = new Map<string, Float32Array>();
  let off = 0;
  for (const w of group.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    new Uint8Array(data.buffer).set(bin.subarray(off, Math.min(bin.byteLength, off + 4 * n)));
    byName.set(w.name, data);
    off += 4 * n;
  }
  // weightsHash is io's hashWeights (16 hex digits); folders saved before it hold sha256 of weights.bin
  const hash = model.weightsHash?.length === 64 ? _sha256(bin) : hashWeights(group.weights.map((w) => ({ name: w.name, shape: w.shape, data: byName.get(w.name)! })));
  if (model.weightsHash && hash !== model.weightsHash) throw new DecoderError(`${binFile}: sha256 differs from model.json's weightsHash; the file is damaged or from another save.`);
  if (bin.byteLength !== off) throw new DecoderError(`${binFile}: ${bin.byteLength} bytes; the manifest needs ${off}.`);
  // the architecture's own parameter list (random init, replaced below) is the strict spec
  const members: _Params[] = [];
  try {
    for (let k = 0; k < model.members; k++) members.push(model.config.arch === 'conv' ? _initConvDecoder(model.config, createRng(0)) : _initMlpDecoder(model.config, createRng(0)));
    const expected = members.flatMap((p, k) => Object.entries(p).map(([name, v]) => ({ name: `m${k}/${name}`, shape: v.shape })));
    checkWeights(expected, new Map(group.weights.map((w) => [w.name, { shape: w.shape, values: byName.get(w.name) }])), { source: mj, against: `the ${model.config.arch} decoder's parameters` });
    members.forEach((p, k) => {
      for (const [name, v] of Object.entries(p)) {
        const t = tf.tensor(byName.get(`m${k}/${name}`)!, v.shape);
        v.assign(t);
        t.dispose();
      }
    });
  } catch (e) {
    for (const m of members) for (const v of Object.values(m)) v.dispose();
    throw e;
  }
  const dec = new Decoder(model.config, model.classes, members);
  dec.generatorHash = model.generatorHash ?? null;
  dec.weightsHash = model.weightsHash ?? null;
  return dec;
}
