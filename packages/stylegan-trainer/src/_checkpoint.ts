import { promises as fs } from 'node:fs';
import path from 'node:path';

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
  await fs.mkdir(dir, { recursive: true });
  await _recoverCheckpoint(dir);
  const final = path.join(dir, 'checkpoint');
  const tmp = path.join(dir, `.checkpoint.tmp-${process.pid}-${Date.now()}`);
  await fs.mkdir(tmp, { recursive: true });
  let offset = 0;
  const index = tensors.map((t) => {
    const e = { name: t.name, shape: t.shape, offset, length: t.data.length };
    offset += t.data.length;
    return e;
  });
  const all = new Float32Array(offset);
  for (let i = 0; i < tensors.length; i++) all.set(tensors[i].data, index[i].offset);
  await fs.writeFile(path.join(tmp, 'checkpoint.bin'), new Uint8Array(all.buffer));
  await fs.writeFile(path.join(tmp, 'checkpoint.json'), JSON.stringify({ format: 'ganseg-stylegan-trainer', version: 1, meta, tensors: index }) + '\n');
  const old = path.join(dir, `.checkpoint.old-${process.pid}-${Date.now()}`);
  let had = false;
  try {
    await fs.rename(final, old);
    had = true;
  } catch {
    // no previous checkpoint
  }
  await fs.rename(tmp, final);
  if (had) await fs.rm(old, { recursive: true, force: true });
}

/** Reads a checkpoint written by {@link _saveCheckpoint}; null when there is none. */
export async function _loadCheckpoint(dir: string): Promise<{ meta: unknown; tensors: Map<string, _Named> } | null> {
  await _recoverCheckpoint(dir);
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

/**
 * What a run killed inside {@link _saveCheckpoint} left: with `checkpoint/` missing, the newest
 * `.checkpoint.old-*` (renamed aside just before the new one was renamed in) is put back, so a
 * resume continues instead of starting over; other old copies and unfinished `.checkpoint.tmp-*`
 * folders are removed.
 */
export async function _recoverCheckpoint(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  const final = path.join(dir, 'checkpoint');
  let present = names.includes('checkpoint');
  const olds = names.filter((n) => n.startsWith('.checkpoint.old-')).sort((a, b) => Number(b.split('-').pop()) - Number(a.split('-').pop()));
  for (const n of olds) {
    if (!present) {
      await fs.rename(path.join(dir, n), final);
      present = true;
    } else await fs.rm(path.join(dir, n), { recursive: true, force: true });
  }
  for (const n of names.filter((x) => x.startsWith('.checkpoint.tmp-'))) await fs.rm(path.join(dir, n), { recursive: true, force: true });
}
