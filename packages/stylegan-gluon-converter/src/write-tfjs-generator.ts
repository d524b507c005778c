import { _atomicDir } from './_fs.js';
import { _tfjsFiles } from './_tfjs-export.js';
import type { StyleGANConfig, WeightArray } from './_types.js';

/**
 * Writes canonical generator weights in the tfjs layout that `@ganseg/stylegan`'s
 * `loadGenerator` reads: `model.json` ({format: 'ganseg-stylegan', config, weightsManifest}) and
 * float32 `group1-shardNofM.bin` shards, through a temp folder renamed into place.
 *
 * @param dir the output folder (must not exist or be empty, unless `overwrite`)
 * @param config the generator config
 * @param weights canonical weights (as returned by {@link readStyleGANCheckpoint})
 * @param options overwrite an existing folder
 * @returns the files written, relative to `dir`
 * @example
 * ```ts
 * const ck = await readStyleGANCheckpoint('ffhq.pkl');
 * await writeTfjsGenerator('ffhq-tfjs', ck.config, ck.weights);
 * ```
 */
export async function writeTfjsGenerator(dir: string, config: StyleGANConfig, weights: Record<string, WeightArray>, options: { overwrite?: boolean } = {}): Promise<string[]> {
  let files: string[] = [];
  await _atomicDir(dir, options.overwrite ?? false, async (tmp) => { files = await _tfjsFiles(tmp, config, weights); });
  return files;
}
