import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StyleGANConfig, WeightArray } from './_types.js';

const SHARD_BYTES = 4 * 1024 * 1024;

/**
 * Writes `model.json` ({format: 'ganseg-stylegan', config, weightsManifest}) and float32 `.bin`
 * shards (4 MiB, tfjs's default) into an existing folder. Weights go in the given order.
 */
export async function _tfjsFiles(dir: string, config: StyleGANConfig, weights: Record<string, WeightArray>): Promise<string[]> {
  const names = Object.keys(weights);
  const total = names.reduce((a, n) => a + weights[n].data.length * 4, 0);
  const all = new Uint8Array(total);
  let p = 0;
  for (const n of names) {
    const d = weights[n].data;
    all.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), p);
    p += d.byteLength;
  }
  const nShards = Math.max(1, Math.ceil(total / SHARD_BYTES));
  const paths: string[] = [];
  for (let s = 0; s < nShards; s++) {
    const name = `group1-shard${s + 1}of${nShards}.bin`;
    paths.push(name);
    await writeFile(join(dir, name), all.subarray(s * SHARD_BYTES, Math.min(total, (s + 1) * SHARD_BYTES)));
  }
  const model = {
    format: 'ganseg-stylegan',
    generatedBy: '@ganseg/stylegan-gluon-converter',
    config,
    weightsManifest: [{ paths, weights: names.map((n) => ({ name: n, shape: weights[n].shape, dtype: 'float32' })) }],
  };
  await writeFile(join(dir, 'model.json'), JSON.stringify(model, null, 1));
  return ['model.json', ...paths];
}
