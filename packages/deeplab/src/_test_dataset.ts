import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodePng } from '@ganseg/io';
import { createRng } from '@ganseg/runtime';

/**
 * Writes a tiny synthetic dataset of shapes: class 0 background, 1 disc, 2 square, each sample a
 * noisy background with one disc and one square of random place and colour. Returns the folder.
 */
export async function _writeShapes(n: number, size: number, seed = 1, options: { manifest?: boolean } = {}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplab-shapes-'));
  await fs.mkdir(path.join(dir, 'images'));
  await fs.mkdir(path.join(dir, 'masks'));
  const rng = createRng(seed);
  const lines: string[] = [];
  for (let k = 0; k < n; k++) {
    const id = `s${String(k).padStart(4, '0')}`;
    const img = new Uint8Array(size * size * 3);
    const mask = new Uint8Array(size * size);
    const bg = [60 + 80 * rng.uniform(), 60 + 80 * rng.uniform(), 60 + 80 * rng.uniform()];
    for (let i = 0; i < size * size; i++) for (let c = 0; c < 3; c++) img[i * 3 + c] = bg[c] + 30 * (rng.uniform() - 0.5);
    const r = size * (0.2 + 0.05 * rng.uniform());
    const cx = r + rng.uniform() * (size / 2 - r);
    const cy = r + rng.uniform() * (size - 2 * r);
    const side = size * (0.38 + 0.08 * rng.uniform());
    const sx = size / 2 + rng.uniform() * (size / 2 - side);
    const sy = rng.uniform() * (size - side);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = y * size + x;
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 < r * r) {
          mask[i] = 1;
          img.set([230, 40 + 40 * ((x + y) % 2), 40], i * 3);
        } else if (x >= sx && x < sx + side && y >= sy && y < sy + side) {
          mask[i] = 2;
          img.set([40, 60, 220 - 30 * (x % 2)], i * 3);
        }
      }
    }
    await fs.writeFile(path.join(dir, 'images', `${id}.png`), encodePng({ data: img, width: size, height: size, channels: 3 }));
    await fs.writeFile(path.join(dir, 'masks', `${id}.png`), encodePng({ data: mask, width: size, height: size, channels: 1 }));
    lines.push(JSON.stringify({ id, seed: k, uncertainty: 0, pixels: [0, 0, 0] }));
  }
  if (options.manifest) await fs.writeFile(path.join(dir, 'manifest.jsonl'), lines.join('\n') + '\n');
  await fs.writeFile(
    path.join(dir, 'dataset.json'),
    JSON.stringify({ format: 'ganseg-dataset', version: 1, classes: [{ name: 'background', color: [0, 0, 0] }, { name: 'disc', color: [255, 0, 0] }, { name: 'square', color: [0, 0, 255] }], ignore: 255 }),
  );
  return dir;
}
