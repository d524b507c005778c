import { afterAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { readPhoto, PhotoError } from './read-photo.js';

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-'));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function png(name: string, w: number, h: number, colorType: 0 | 2 | 6, f: (x: number, y: number) => number[]): Promise<string> {
  const p = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) p.data.set([...f(x, y).slice(0, 3), 255].slice(0, 4), (y * w + x) * 4);
  const file = path.join(dir, name);
  await fs.writeFile(file, PNG.sync.write(p, { colorType }));
  return file;
}

describe('readPhoto', () => {
  it('centre-crops a wide photo and averages down, saying so', async () => {
    // 8x4: left 2 columns red, middle 4 green, right 2 blue -> crop keeps the green middle
    const file = await png('wide.png', 8, 4, 2, (x) => (x < 2 ? [255, 0, 0] : x < 6 ? [0, 255, 0] : [0, 0, 255]));
    const p = await readPhoto(file, 2);
    expect(Array.from(p.rgb)).toEqual([0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0]);
    expect(p.notes.join('; ')).toMatch(/centre-cropped from 8x4 to 4x4; resized from 4x4 to 2x2/);
  });

  it('reads JPEG and grey PNG', async () => {
    const data = new Uint8Array(4 * 4 * 4).fill(200);
    const file = path.join(dir, 'x.jpg');
    await fs.writeFile(file, jpeg.encode({ data, width: 4, height: 4 }, 100).data);
    const j = await readPhoto(file, 4);
    expect(Math.abs(j.rgb[0] - 200)).toBeLessThan(3);
    const g = await readPhoto(await png('grey.png', 2, 2, 0, () => [90, 90, 90]), 4);
    expect(g.notes.join(' ')).toMatch(/grey/);
    expect(g.rgb[0]).toBe(90);
  });

  it('refuses unreadable formats naming the file', async () => {
    const bmp = path.join(dir, 'photo.bmp');
    await fs.writeFile(bmp, Buffer.from('BM\x00\x00garbage'));
    await expect(readPhoto(bmp, 8)).rejects.toThrow(PhotoError);
    await expect(readPhoto(bmp, 8)).rejects.toThrow(/photo\.bmp: not a PNG or a JPEG/);
    const bad = path.join(dir, 'broken.png');
    await fs.writeFile(bad, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(10)]));
    await expect(readPhoto(bad, 8)).rejects.toThrow(/broken\.png: not a readable PNG/);
    await expect(readPhoto(path.join(dir, 'missing.png'), 8)).rejects.toThrow(/missing\.png: cannot be read \(ENOENT\)/);
  });
});
