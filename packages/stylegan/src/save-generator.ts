import type { StyleGAN } from './style-gan.js';
import { weightSpec } from './weight-spec.js';
import { replaceDirectory, writeWeightsFolder, type NamedWeight } from '@ganseg/io';

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
  const weights: NamedWeight[] = [];
  for (const e of weightSpec(gen.config)) weights.push({ name: e.name, shape: e.shape, data: (await gen.weights[e.name].data()) as Float32Array });
  const meta = { format: 'ganseg-stylegan', generatedBy: '@ganseg/stylegan saveGenerator', config: gen.config };
  await replaceDirectory(dir, async (tmp) => {
    await writeWeightsFolder(tmp, weights, meta);
  });
}
