import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodePng } from '@ganseg/io';
import { describe, expect, it } from 'vitest';
import { importDataset } from './import-dataset.js';
import { ImportError } from './import-error.js';
import { resizeMask } from './resize-mask.js';
import { writeDataset } from './write-dataset.js';
import { importCoco } from './import-coco.js';
import { FIXTURES, copyFixture, expectedJson, readGrey, tempDir } from './_test_fixtures.js';

const COCO = path.join(FIXTURES, 'coco', 'instances.json');

describe('writeDataset / importDataset', () => {
  it('writes the dataset layout: PNG images and masks, manifest.jsonl, dataset.json with classes', async () => {
    const exp = await expectedJson();
    const out = path.join(await tempDir(), 'real');
    const seen: string[] = [];
    const r = await importDataset({ format: 'coco', source: COCO, out, onProgress: (_d, _t, id) => seen.push(id) });
    expect(seen).toEqual(['img-a', 'img-b', 'img-c']);
    expect(r.datasets).toHaveLength(1);
    expect(r.datasets[0]).toMatchObject({ name: 'all', dir: out, count: 3 });
    const info = JSON.parse(await fs.readFile(path.join(out, 'dataset.json'), 'utf8'));
    expect(info).toMatchObject({ format: 'ganseg-dataset', version: 1, ignore: 255, count: 3, dropped: 0, width: null, height: null });
    expect(info.classes.map((c: { name: string }) => c.name)).toEqual(exp.coco.all.classes);
    expect(info.source.format).toBe('coco');
    const lines = (await fs.readFile(path.join(out, 'manifest.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['img-a', 'img-b', 'img-c']);
    expect(lines[1]).toMatchObject({ source: 'img-b.jpg', width: 24, height: 36 });
    for (const l of lines) expect([...l.pixels, l.ignored]).toEqual(exp.coco.all.pixels[l.id]);
    const mask = await readGrey(path.join(out, 'masks', 'img-a.png'));
    const ref = await readGrey(path.join(FIXTURES, 'coco', 'expected-all', 'img-a.png'));
    expect(Buffer.from(mask.data).equals(Buffer.from(ref.data))).toBe(true);
    const img = decodePng(await fs.readFile(path.join(out, 'images', 'img-b.png')));
    expect([img.width, img.height, img.colorType]).toEqual([24, 36, 2]);
    expect((await fs.readdir(path.dirname(out))).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('resizes (--max-side: images bilinear, masks nearest) and splits train/test by seed', async () => {
    const out = path.join(await tempDir(), 'real');
    const r = await importDataset({ format: 'coco', source: COCO, out, maxSide: 20, split: [1, 2], seed: 0 });
    expect(r.datasets.map((d) => [d.name, d.count])).toEqual([['train', 1], ['test', 2]]);
    const ids: string[] = [];
    for (const part of ['train', 'test']) {
      const dir = path.join(out, part);
      const info = JSON.parse(await fs.readFile(path.join(dir, 'dataset.json'), 'utf8'));
      expect(info.options).toMatchObject({ maxSide: 20, split: [1, 2], seed: 0, part });
      for (const n of await fs.readdir(path.join(dir, 'masks'))) ids.push(n.slice(0, -4));
    }
    expect(ids.sort()).toEqual(['img-a', 'img-b', 'img-c']);
    const aPart = (await fs.readdir(path.join(out, 'train', 'masks'))).includes('img-a.png') ? 'train' : 'test';
    const a = await readGrey(path.join(out, aPart, 'masks', 'img-a.png'));
    expect([a.width, a.height]).toEqual([20, 15]);
    const full = await readGrey(path.join(FIXTURES, 'coco', 'expected-all', 'img-a.png'));
    expect(Buffer.from(a.data).equals(Buffer.from(resizeMask(full, 20, 15).data))).toBe(true);
    const again = path.join(await tempDir(), 'real');
    const r2 = await importDataset({ format: 'coco', source: COCO, out: again, maxSide: 20, split: [1, 2], seed: 0 });
    expect(await fs.readdir(path.join(again, 'train', 'masks'))).toEqual(await fs.readdir(path.join(out, 'train', 'masks')));
    expect(r2.datasets[0].pixels).toEqual(r.datasets[0].pixels);
  });

  it('leaves nothing behind when a sample fails, and never writes into a non-empty folder', async () => {
    const dir = await copyFixture('coco');
    const jpg = path.join(dir, 'images', 'img-b.jpg');
    await fs.writeFile(jpg, (await fs.readFile(jpg)).subarray(0, 300));
    const parent = await tempDir();
    const out = path.join(parent, 'real');
    const src = await importCoco(path.join(dir, 'instances.json'));
    await expect(writeDataset(src, out)).rejects.toThrow(/img-b\.jpg: image 101: not a readable JPEG/);
    expect(await fs.readdir(parent)).toEqual([]);
    await fs.mkdir(out);
    await fs.writeFile(path.join(out, 'keep.txt'), 'mine');
    await expect(importDataset({ format: 'coco', source: COCO, out })).rejects.toThrow(ImportError);
    await expect(importDataset({ format: 'coco', source: COCO, out })).rejects.toThrow(/exists and is not empty/);
    expect(await fs.readdir(out)).toEqual(['keep.txt']);
    await expect(importDataset({ format: 'coco', source: COCO, out: path.join(parent, 'x'), maxSide: 0 })).rejects.toThrow(/--max-side 0/);
    await expect(importDataset({ format: 'coco', source: COCO, out: path.join(parent, 'x'), split: [1, 9] })).rejects.toThrow(/--split 1,9 of 3 samples leaves train empty/);
    await expect(importDataset({ format: 'xml' as 'coco', source: COCO, out: path.join(parent, 'x') })).rejects.toThrow(/expected coco, voc or folder/);
  });

  it('takes --classes background,car for COCO as the categories after the background', async () => {
    const out = path.join(await tempDir(), 'cars');
    const r = await importDataset({ format: 'coco', source: COCO, out, classes: ['background', 'car'] });
    expect(r.classes.map((c) => c.name)).toEqual(['background', 'car']);
  });

  it('imports VOC and resizes to an exact --size', async () => {
    const out = path.join(await tempDir(), 'voc');
    const r = await importDataset({ format: 'voc', source: path.join(FIXTURES, 'voc'), out, size: [8, 8] });
    expect(r.datasets[0].count).toBe(2);
    const m = await readGrey(path.join(out, 'masks', '2007_000002.png'));
    expect([m.width, m.height]).toEqual([8, 8]);
  });
});

