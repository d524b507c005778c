import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeMxnetParams } from '@ganseg/checkpoint-readers';
import { _canonicalToGluon } from './_gluon.js';
import type { StyleGANConfig, WeightArray } from './_types.js';

/** Writes generator.params (Gluon attribute names, MXNet layouts) + config.json into a folder; returns notes. */
export async function _gluonFiles(dir: string, config: StyleGANConfig, weights: Record<string, WeightArray>): Promise<string[]> {
  const g = _canonicalToGluon(weights, config);
  await writeFile(join(dir, 'generator.params'), encodeMxnetParams(g.params));
  await writeFile(join(dir, 'config.json'), JSON.stringify(config, null, 1));
  return g.notes;
}
