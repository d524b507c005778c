import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodePng } from '@ganseg/io';
import { describe, expect, it } from 'vitest';
import { renderScene, SceneLayoutError } from './render-scene.js';
import { writeRealDataset } from './write-real-dataset.js';

describe('writeRealDataset', () => {
  it('writes the dataset layout, exactly the rendered pixels, and resumes', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cars-ds-'));
    const progress: number[] = [];
    const res = await writeRealDataset(dir, { seeds: [3, 1, 2], variant: 'multi', onProgress: (d) => progress.push(d) });
    expect(progress).toEqual([1, 2, 3]);
    expect(res.count).toBe(3);
    expect(res.skipped).toBe(0);
    const info = JSON.parse(await fs.readFile(path.join(dir, 'dataset.json'), 'utf8'));
    expect(info.format).toBe('ganseg-dataset');
    expect(info.classes).toHaveLength(7);
    expect(info.ignore).toBe(255);
    const lines = (await fs.readFile(path.join(dir, 'manifest.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['000001', '000002', '000003']);
    const s = renderScene(2, { variant: 'multi' });
    const img = decodePng(await fs.readFile(path.join(dir, 'images', '000002.png')), { channels: 3 });
    const mask = decodePng(await fs.readFile(path.join(dir, 'masks', '000002.png')), { channels: 1 });
    expect(Buffer.from(img.data).equals(Buffer.from(s.image))).toBe(true);
    expect(Buffer.from(mask.data).equals(Buffer.from(s.mask))).toBe(true);
    expect(lines[1].pixels.reduce((a: number, b: number) => a + b, 0)).toBe(64 * 64);
    const names = await fs.readdir(path.join(dir, 'images'));
    expect(names.some((n) => n.includes('.tmp-'))).toBe(false);
    const before = await fs.readFile(path.join(dir, 'dataset.json'), 'utf8');
    await fs.rm(path.join(dir, 'images', '000003.png'));
    const again = await writeRealDataset(dir, { seeds: [1, 2, 3], variant: 'multi' });
    expect(again.skipped).toBe(2);
    expect(await fs.readFile(path.join(dir, 'dataset.json'), 'utf8')).toBe(before);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes car-centric scenes, records the layout and refuses to mix layouts in one folder', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cars-ds-cc-'));
    await writeRealDataset(dir, { seeds: [5], variant: 'binary', layout: 'car-centric' });
    const info = JSON.parse(await fs.readFile(path.join(dir, 'dataset.json'), 'utf8'));
    expect(info.options.layout).toBe('car-centric');
    const s = renderScene(5, { variant: 'binary', layout: 'car-centric' });
    const img = decodePng(await fs.readFile(path.join(dir, 'images', '000005.png')), { channels: 3 });
    expect(Buffer.from(img.data).equals(Buffer.from(s.image))).toBe(true);
    await expect(writeRealDataset(dir, { seeds: [5, 6], variant: 'binary' })).rejects.toThrow(SceneLayoutError);
    await expect(writeRealDataset(dir, { seeds: [5, 6], variant: 'binary' })).rejects.toThrow(/holds "car-centric" scenes, asked for "street"/);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
