import { _atomicDir } from './_fs.js';
import { _gluonFiles } from './_gluon-export.js';
import type { StyleGANConfig, WeightArray } from './_types.js';

/**
 * Writes canonical generator weights as the paper's MXNet Gluon generator: `generator.params`
 * (attribute-path names such as `mapping.1.weight`, `net3.adain1.affine.weight`,
 * `constant_tensor`; MXNet layouts; the fused 4x4 transposed-conv kernels from 128 px; every
 * constant `load_parameters` expects) and `config.json`, through a temp folder renamed into place.
 *
 * @param dir the output folder
 * @param config the generator config
 * @param weights canonical weights
 * @param options overwrite an existing folder
 * @returns notes (e.g. when the config is one the paper's code cannot build)
 * @example
 * ```ts
 * const ck = await readStyleGANCheckpoint('ffhq.pkl');
 * await writeGluonGenerator('ffhq-gluon', ck.config, ck.weights);
 * ```
 */
export async function writeGluonGenerator(dir: string, config: StyleGANConfig, weights: Record<string, WeightArray>, options: { overwrite?: boolean } = {}): Promise<string[]> {
  let notes: string[] = [];
  await _atomicDir(dir, options.overwrite ?? false, async (tmp) => { notes = await _gluonFiles(tmp, config, weights); });
  return notes;
}
