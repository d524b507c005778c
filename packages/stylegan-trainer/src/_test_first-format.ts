// The trainer's first checkpoint format (before @ganseg/io's weights folder), as its writer and
// reader were: runs written then are still resumed, so the new reader must give what the old one gave.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { NamedWeight } from '@ganseg/io';

/** The first format's writer, as it was. */
export async function _oldSaveCheckpoint(dir: string, meta: unknown, tensors: NamedWeight[]): Promise<void> {
  let offset = 0;
  const index = tensors.map((t) => {
    const e = { name: t.name, shape: t.shape, offset, length: t.data.length };
    offset += t.data.length;
    return e;
  });
  const all = new Float32Array(offset);
  for (let i = 0; i < tensors.length; i++) all.set(tensors[i].data, index[i].offset);
  await fs.mkdir(path.join(dir, 'checkpoint'), { recursive: true });
  await fs.writeFile(path.join(dir, 'checkpoint', 'checkpoint.bin'), new Uint8Array(all.buffer));
  await fs.writeFile(path.join(dir, 'checkpoint', 'checkpoint.json'), JSON.stringify({ format: 'ganseg-stylegan-trainer', version: 1, meta, tensors: index }) + '\n');
}

/** The first format's reader, as it was. */
export async function _oldLoadCheckpoint(dir: string): Promise<{ meta: unknown; tensors: Map<string, NamedWeight> }> {
  const base = path.join(dir, 'checkpoint');
  const text = await fs.readFile(path.join(base, 'checkpoint.json'), 'utf8');
  const j = JSON.parse(text) as { meta: unknown; tensors: { name: string; shape: number[]; offset: number; length: number }[] };
  const buf = await fs.readFile(path.join(base, 'checkpoint.bin'));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const tensors = new Map<string, NamedWeight>();
  for (const e of j.tensors) {
    if (e.offset + e.length > all.length) throw new Error(`${path.join(base, 'checkpoint.bin')}: too short for ${e.name}`);
    tensors.set(e.name, { name: e.name, shape: e.shape, data: all.slice(e.offset, e.offset + e.length) });
  }
  return { meta: j.meta, tensors };
}
