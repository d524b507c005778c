import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashWeights } from './hash-weights.js';
import { hashWeightsFolder } from './hash-weights-folder.js';
import { readWeightsFolder } from './read-weights-folder.js';
import { WeightsFolderError } from './weights-folder-error.js';
import { writeWeightsFolder } from './write-weights-folder.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'io-weights-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = (n: string) => mkdtempSync(path.join(root, `${n}-`));
const W = [
  { name: 'b/bias', shape: [3], data: Float32Array.of(1, -2, 3.5) },
  { name: 'a/kernel', shape: [2, 2], data: Float32Array.of(0.25, 0.5, -1, 1e-8) },
];

describe('writeWeightsFolder / readWeightsFolder / hashWeightsFolder', () => {
  it('round trip in shards or one file; the same hash in memory and on disk', async () => {
    const d1 = dir('shards');
    expect(await writeWeightsFolder(d1, W, { format: 'x', config: { k: 1 } }, { shardBytes: 8 })).toEqual(['model.json', 'group1-shard1of4.bin', 'group1-shard2of4.bin', 'group1-shard3of4.bin', 'group1-shard4of4.bin']);
    const d2 = dir('one');
    await writeWeightsFolder(d2, W, { format: 'x' }, { singleFile: 'weights.bin' });
    expect(readdirSync(d2).sort()).toEqual(['model.json', 'weights.bin']);
    for (const d of [d1, d2]) {
      const { model, weights } = await readWeightsFolder(d);
      expect(model.format).toBe('x');
      expect(weights.map((w) => [w.name, w.shape, Array.from(w.data)])).toEqual(W.map((w) => [w.name, w.shape, Array.from(w.data)]));
      expect(await hashWeightsFolder(d)).toBe(hashWeights(W));
    }
    expect(hashWeights([...W].reverse())).toBe(hashWeights(W));
    expect(hashWeights([W[0], { ...W[1], data: Float32Array.of(0.25, 0.5, -1, 2e-8) }])).not.toBe(hashWeights(W));
  });

  it('reads folders written before the one writer (stylegan: no final newline, 4 MiB shards; decoder: weights.bin, extra keys)', async () => {
    const old = dir('old-stylegan');
    const bytes = new Uint8Array(new Float32Array([1, -2, 3.5, 0.25, 0.5, -1, 1e-8]).buffer);
    writeFileSync(path.join(old, 'group1-shard1of1.bin'), bytes);
    writeFileSync(
      path.join(old, 'model.json'),
      JSON.stringify({ format: 'ganseg-stylegan', generatedBy: '@ganseg/stylegan saveGenerator', config: { resolution: 8 }, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'b/bias', shape: [3], dtype: 'float32' }, { name: 'a/kernel', shape: [2, 2], dtype: 'float32' }] }] }, null, 1),
    );
    const { model, weights } = await readWeightsFolder(old);
    expect(model).toEqual({ format: 'ganseg-stylegan', generatedBy: '@ganseg/stylegan saveGenerator', config: { resolution: 8 } });
    expect(weights.map((w) => Array.from(w.data))).toEqual(W.map((w) => Array.from(w.data)));
    expect(readFileSync(path.join(old, 'model.json'), 'utf8').endsWith('}')).toBe(true);
  });

  it('names the file and the weight of a broken folder', async () => {
    const d = dir('broken');
    await writeWeightsFolder(d, W, {}, { singleFile: 'weights.bin' });
    writeFileSync(path.join(d, 'weights.bin'), new Uint8Array(8));
    await expect(readWeightsFolder(d)).rejects.toThrow(/weights\.bin: weight "b\/bias": shards end at byte 8, weight needs bytes 0\.\.12/);
    writeFileSync(path.join(d, 'weights.bin'), new Uint8Array(32));
    await expect(readWeightsFolder(d)).rejects.toThrow(/weights\.bin: shards hold 32 bytes, the manifest lists 28/);
    await expect(readWeightsFolder(path.join(d, 'nope'))).rejects.toThrow(WeightsFolderError);
    writeFileSync(path.join(d, 'model.json'), JSON.stringify({ weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'q', shape: [2], dtype: 'int32' }] }] }));
    await expect(readWeightsFolder(d)).rejects.toThrow(/weight "q": dtype int32 is not supported/);
    await expect(writeWeightsFolder(d, [{ name: 'iter', shape: [], data: Int32Array.of(7) as unknown as Float32Array }], {})).rejects.toThrow(/weight "iter" holds Int32Array data, expected a Float32Array/);
  });
});
