import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { StyleGAN } from './style-gan.js';
import { weightSpec } from './weight-spec.js';
import { replaceDirectory } from '@ganseg/io';

const _SHARD_BYTES = 4 * 1024 * 1024;

/**
 * Writes a generator in the tfjs layout: `model.json` (`format: 'ganseg-stylegan'`, the config and
 * a `weightsManifest` in spec order) beside `group1-shard{i}of{n}.bin` shards of at most 4 MB.
 * Everything is written to a temporary folder beside `dir`, which then replaces `dir` by rename, so
 * a failure leaves nothing half-written; the old `dir` is renamed aside only once the new folder is
 * complete, and what a save killed between the two renames left is repaired by the next save or
 * load (the old folder put back).
 *
 * @param gen The generator.
 * @param dir The output folder (replaced if it exists).
 * @returns Nothing.
 * @example
 * ```ts
 * await saveGenerator(StyleGAN.random(createConfig({ resolution: 256 }), 0), 'out/gen256');
 * ```
 */
export async function saveGenerator(gen: StyleGAN, dir: string): Promise<void> {
  const spec = weightSpec(gen.config);
  const parts: Uint8Array[] = [];
  for (const e of spec) {
    const data = (await gen.weights[e.name].data()) as Float32Array;
    parts.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  const total = parts.reduce((a, p) => a + p.byteLength, 0);
  const all = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.byteLength;
  }
  const n = Math.max(1, Math.ceil(total / _SHARD_BYTES));
  const paths = Array.from({ length: n }, (_, i) => `group1-shard${i + 1}of${n}.bin`);
  const model = {
    format: 'ganseg-stylegan',
    generatedBy: '@ganseg/stylegan saveGenerator',
    config: gen.config,
    weightsManifest: [{ paths, weights: spec.map((e) => ({ name: e.name, shape: e.shape, dtype: 'float32' })) }],
  };
  await replaceDirectory(dir, async (tmp) => {
    for (let i = 0; i < n; i++) {
      await fs.writeFile(path.join(tmp, paths[i]), all.subarray(i * _SHARD_BYTES, Math.min(total, (i + 1) * _SHARD_BYTES)));
    }
    await fs.writeFile(path.join(tmp, 'model.json'), JSON.stringify(model, null, 1));
  });
}
