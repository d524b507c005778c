import { promises as fs } from 'node:fs';
import path from 'node:path';
import { encodePng } from '@ganseg/io';
import { describe, expect, it } from 'vitest';
import { importVoc } from './import-voc.js';
import { FIXTURES, copyFixture, expectedJson, readGrey } from './_test_fixtures.js';

const DIR = path.join(FIXTURES, 'voc');

describe('importVoc', () => {
  it('reads palette masks by palette index (255 = ignore) and names classes from labelmap.txt', async () => {
    const exp = await expectedJson();
    const src = await importVoc(DIR);
    expect(src.classes.map((c) => c.name)).toEqual(exp.voc.classes);
    expect(src.classes[1].color).toEqual([128, 0, 0]);
    expect(src.samples.map((s) => s.id)).toEqual(exp.voc.ids);
    for (const [k, s] of src.samples.entries()) {
      const { image, mask } = await s.load();
      expect([image.width, image.height]).toEqual(exp.voc.sizes[k]);
      const ref = await readGrey(path.join(DIR, 'expected', `${s.id}.png`));
      expect(Buffer.from(mask).equals(Buffer.from(ref.data))).toBe(true);
    }
  });

  it('reads an image set, and palette indices without a labelmap given --classes', async () => {
    const dir = await copyFixture('voc');
    await fs.rm(path.join(dir, 'labelmap.txt'));
    await expect(importVoc(dir)).rejects.toThrow(/labelmap\.txt: missing; give the class names with --classes/);
    const src = await importVoc(dir, { classes: ['background', 'plane', 'bike'], imageSet: 'trainval' });
    const { mask } = await src.samples[0].load();
    const ref = await readGrey(path.join(DIR, 'expected', '2007_000001.png'));
    expect(Buffer.from(mask).equals(Buffer.from(ref.data))).toBe(true);
    const two = await importVoc(dir, { classes: ['background', 'plane'] });
    await expect(two.samples[0].load()).rejects.toThrow(/2007_000001\.png: 2007_000001: pixel \(\d+, \d+\) has palette index 2; expected 0\.\.1 or 255 \(ignore\)/);
  });

  it('refuses a mask whose size differs from its image, and a colour the labelmap lacks', async () => {
    const dir = await copyFixture('voc');
    await fs.writeFile(path.join(dir, 'SegmentationClass', '2007_000002.png'), encodePng({ data: new Uint8Array(12 * 3 * 3), width: 12, height: 3, channels: 3 }));
    const src = await importVoc(dir);
    await expect(src.samples[1].load()).rejects.toThrow(/2007_000002\.png: 2007_000002: 12x3, but its image 2007_000002\.jpg is 16x22/);
    await fs.writeFile(path.join(dir, 'SegmentationClass', '2007_000002.png'), encodePng({ data: new Uint8Array(16 * 22 * 3).fill(7), width: 16, height: 22, channels: 3 }));
    await expect(src.samples[1].load()).rejects.toThrow(/colour \(7, 7, 7\) at \(x 0, y 0\) is no class of labelmap\.txt/);
    await fs.rm(path.join(dir, 'JPEGImages', '2007_000001.jpg'));
    await fs.rm(path.join(dir, 'JPEGImages', '2007_000001.source.png'));
    await expect(src.samples[0].load()).rejects.toThrow(/2007_000001\.jpg: 2007_000001: missing/);
  });
});
