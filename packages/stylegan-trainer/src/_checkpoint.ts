import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathExists, readWeightsFolder, recoverDirectory, replaceDirectory, writeWeightsFolder, type NamedWeight } from '@ganseg/io';

/** The `format` key of a checkpoint's model.json. */
const _FORMAT = 'ganseg-stylegan-trainer';

/**
 * Writes `dir/checkpoint` as a weights folder (`@ganseg/io`'s `writeWeightsFolder`): `model.json`
 * holds `format`, `version: 2` and the trainer's meta as its own keys, `weights.bin` every tensor
 * (float32, in the order given). The folder is replaced as a whole (`replaceDirectory`).
 */
export async function _saveCheckpoint(dir: string, meta: object, tensors: readonly NamedWeight[]): Promise<void> {
  for (const k of ['format', 'version', 'weightsManifest']) {
    if (k in meta) throw new RangeError(`checkpoint meta may not hold the key "${k}" (model.json's own)`);
  }
  await replaceDirectory(path.join(dir, 'checkpoint'), async (tmp) => {
    await writeWeightsFolder(tmp, tensors, { format: _FORMAT, version: 2, ...meta }, { singleFile: 'weights.bin' });
  });
}

/**
 * Reads `dir/checkpoint` as written by {@link _saveCheckpoint} (`readWeightsFolder`), or in the
 * first format (`checkpoint.json` + `checkpoint.bin`, before the one weights-folder writer), which
 * runs still to be resumed hold; null when there is none.
 */
export async function _loadCheckpoint(dir: string): Promise<{ meta: unknown; tensors: Map<string, NamedWeight> } | null> {
  const base = path.join(dir, 'checkpoint');
  await recoverDirectory(base);
  let meta: unknown;
  let weights: NamedWeight[];
  if (await pathExists(path.join(base, 'model.json'))) {
    const read = await readWeightsFolder(base);
    const { format, version: _v, ...rest } = read.model;
    if (format !== _FORMAT) throw new RangeError(`${path.join(base, 'model.json')}: format ${JSON.stringify(format)}, expected "${_FORMAT}"; this folder is not a trainer checkpoint.`);
    meta = rest;
    weights = read.weights;
  } else if (await pathExists(path.join(base, 'checkpoint.json'))) {
    ({ meta, weights } = await _readFirstFormat(base));
  } else {
    return null;
  }
  return { meta, tensors: new Map(weights.map((w) => [w.name, w])) };
}

/** The first format: `checkpoint.json` (`meta` and an index of float offsets) and `checkpoint.bin`. */
async function _readFirstFormat(base: string): Promise<{ meta: unknown; weights: NamedWeight[] }> {
  const index = JSON.parse(await fs.readFile(path.join(base, 'checkpoint.json'), 'utf8')) as {
    meta: unknown;
    tensors: { name: string; shape: number[]; offset: number; length: number }[];
  };
  const bin = path.join(base, 'checkpoint.bin');
  const bytes = await fs.readFile(bin);
  const weights = index.tensors.map(({ name, shape, offset, length }) => {
    if (4 * (offset + length) > bytes.byteLength) throw new Error(`${bin}: too short for ${name}; delete the checkpoint folder to start over.`);
    const data = new Float32Array(length);
    new Uint8Array(data.buffer).set(bytes.subarray(4 * offset, 4 * (offset + length)));
    return { name, shape, data };
  });
  return { meta: index.meta, weights };
}
