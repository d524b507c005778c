import { promises as fs } from 'node:fs';
import path from 'node:path';
import { recoverDirectory, replaceDirectory } from '@ganseg/io';

/** A named float32 array with its shape. */
export interface _Named {
  name: string;
  shape: number[];
  data: Float32Array;
}

/**
 * Writes `checkpoint.json` (meta and index) and `checkpoint.bin` (float32 little-endian) into
 * `dir/checkpoint`, through a temporary folder renamed into place.
 */
export async function _saveCheckpoint(dir: string, meta: unknown, tensors: _Named[]): Promise<void> {
  let offset = 0;
  const index = tensors.map((t) => {
    const e = { name: t.name, shape: t.shape, offset, length: t.data.length };
    offset += t.data.length;
    return e;
  });
  const all = new Float32Array(offset);
  for (let i = 0; i < tensors.length; i++) all.set(tensors[i].data, index[i].offset);
  await replaceDirectory(path.join(dir, 'checkpoint'), async (tmp) => {
    await fs.writeFile(path.join(tmp, 'checkpoint.bin'), new Uint8Array(all.buffer));
    await fs.writeFile(path.join(tmp, 'checkpoint.json'), JSON.stringify({ format: 'ganseg-stylegan-trainer', version: 1, meta, tensors: index }) + '\n');
  });
}

/** Reads a checkpoint written by {@link _saveCheckpoint}; null when there is none. */
export async function _loadCheckpoint(dir: string): Promise<{ meta: unknown; tensors: Map<string, _Named> } | null> {
  await recoverDirectory(path.join(dir, 'checkpoint'));
  const base = path.join(dir, 'checkpoint');
  let text: string;
  try {
    text = await fs.readFile(path.join(base, 'checkpoint.json'), 'utf8');
  } catch {
    return null;
  }
  const j = JSON.parse(text) as { meta: unknown; tensors: { name: string; shape: number[]; offset: number; length: number }[] };
  const buf = await fs.readFile(path.join(base, 'checkpoint.bin'));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const tensors = new Map<string, _Named>();
  for (const e of j.tensors) {
    if (e.offset + e.length > all.length) throw new Error(`${path.join(base, 'checkpoint.bin')}: too short for ${e.name}; delete the checkpoint folder to start over.`);
    tensors.set(e.name, { name: e.name, shape: e.shape, data: all.slice(e.offset, e.offset + e.length) });
  }
  return { meta: j.meta, tensors };
}
