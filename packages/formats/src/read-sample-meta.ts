import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SampleMeta } from './sample-meta.js';
import { WorkspaceError } from './workspace-error.js';

/**
 * Reads and checks `<workspace>/samples/<id>.json`, the record that regenerates a sample's
 * features (latent, truncation, noise seed, size).
 *
 * @param workspace The workspace folder.
 * @param id The sample id.
 * @returns The sample record.
 * @throws WorkspaceError naming the file when it cannot be read or lacks z, truncation, width or height.
 * @example
 * ```ts
 * const meta = await readSampleMeta('ws', 's0000');
 * ```
 */
export async function readSampleMeta(workspace: string, id: string): Promise<SampleMeta> {
  const sfile = path.join(workspace, 'samples', `${id}.json`);
  let meta: SampleMeta;
  try {
    meta = JSON.parse(await fs.readFile(sfile, 'utf8'));
  } catch (e) {
    throw new WorkspaceError(`${sfile}: cannot be read (${(e as Error).message}); expected the JSON written by \`ganseg sample\`.`);
  }
  if (!meta || !Array.isArray(meta.z) || typeof meta.truncation !== 'number' || !meta.width || !meta.height) {
    throw new WorkspaceError(`${sfile}: expected keys z (numbers), truncation, width, height; found ${Object.keys(meta ?? {}).join(', ')}.`);
  }
  return meta;
}
