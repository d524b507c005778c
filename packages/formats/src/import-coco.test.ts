import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCoco } from './import-coco.js';
import { ImportError } from './import-error.js';
import { FIXTURES, copyFixture, expectedJson, readGrey } from './_test_fixtures.js';

const FILE = path.join(FIXTURES, 'coco', 'instances.json');

async function rewrite(dir: string, edit: (j: any) => void): Promise<string> {
  const f = path.join(dir, 'instances.json');
  const j = JSON.parse(await fs.readFile(f, 'utf8'));
  edit(j);
  await fs.writeFile(f, JSON.stringify(j));
  return f;
}

describe('importCoco', () => {
  it('rasterises polygons, RLE, compressed RLE and crowds pixel-exactly as the reference (all categories)', async () => {
    const exp = await expectedJson();
    const src = await importCoco(FILE);
    expect(src.classes.map((c) => c.name)).toEqual(exp.coco.all.classes);
    expect(src.samples.map((s) => s.id)).toEqual(['img-a', 'img-b', 'img-c']);
    for (const s of src.samples) {
      const { image, mask } = await s.load();
      const ref = await readGrey(path.join(FIXTURES, 'coco', 'expected-all', `${s.id}.png`));
      expect([image.width, image.height]).toEqual([ref.width, ref.height]);
      expect(Buffer.from(mask).equals(Buffer.from(ref.data))).toBe(true);
    }
  });

  it('picks and merges categories (vehicle=car+truck); the rest, and crowds of unpicked categories, are background', async () => {
    const src = await importCoco(FILE, { categories: ['vehicle=car+truck'] });
    expect(src.classes.map((c) => c.name)).toEqual(['background', 'vehicle']);
    for (const s of src.samples) {
      const { mask } = await s.load();
      const ref = await readGrey(path.join(FIXTURES, 'coco', 'expected-vehicle', `${s.id}.png`));
      expect(Buffer.from(mask).equals(Buffer.from(ref.data))).toBe(true);
    }
  });

  it('reads the JPEG photo (img-b.jpg) close to its source pixels', async () => {
    const src = await importCoco(FILE);
    const { image } = await src.samples[1].load();
    const ref = (await import('@ganseg/io')).decodePng(await fs.readFile(path.join(FIXTURES, 'coco', 'images', 'img-b.source.png')), { channels: 3 });
    let err = 0;
    for (let i = 0; i < ref.data.length; i++) err += Math.abs(ref.data[i] - image.data[i]);
    // the fixture photos carry +-20 noise, which JPEG (quality 90, chroma subsampled) smooths
    expect(err / ref.data.length).toBeLessThan(8);
  });

  it('refuses an unknown category, naming the file and the annotation', async () => {
    const dir = await copyFixture('coco');
    const f = await rewrite(dir, (j) => {
      j.annotations[2].category_id = 99;
    });
    await expect(importCoco(f)).rejects.toThrow(/instances\.json: annotation 1002: category_id 99 is not in "categories"/);
    await expect(importCoco(FILE, { categories: ['bus'] })).rejects.toThrow(/unknown category "bus"; the file has "car", "person", "truck"/);
  });

  it('refuses a polygon outside the image, a missing image, a wrong size, a corrupt JPEG, a bad RLE', async () => {
    const dir = await copyFixture('coco');
    let f = await rewrite(dir, (j) => {
      j.annotations[0].segmentation[0][2] = 45.5;
    });
    let src = await importCoco(f);
    await expect(src.samples[0].load()).rejects.toThrow(/annotation 1000 \(image 100\): polygon point \(45\.5, 2\.6\) lies outside the 40x30 image/);
    f = await rewrite(dir, (j) => {
      j.annotations[0].segmentation[0][2] = 30.7;
      j.images[2].width = 34;
    });
    src = await importCoco(f);
    await expect(src.samples[2].load()).rejects.toThrow(/img-c\.png: image 102: is 33x33, but instances\.json says 34x33/);
    await fs.rm(path.join(dir, 'images', 'img-a.png'));
    await expect(src.samples[0].load()).rejects.toThrow(/img-a\.png: image 100: missing/);
    const jpg = path.join(dir, 'images', 'img-b.jpg');
    await fs.writeFile(jpg, (await fs.readFile(jpg)).subarray(0, 200));
    await expect(src.samples[1].load()).rejects.toThrow(/img-b\.jpg: image 101: not a readable JPEG/);
    f = await rewrite(dir, (j) => {
      j.images[2].width = 33;
      j.annotations[2].segmentation.size = [31, 40];
    });
    src = await importCoco(f);
    await expect(src.samples[0].load()).rejects.toThrow(ImportError);
    f = await rewrite(dir, (j) => {
      j.annotations[2].segmentation.size = [30, 40];
      j.annotations[2].segmentation.counts.push(5);
    });
    src = await importCoco(f);
    await fs.copyFile(path.join(FIXTURES, 'coco', 'images', 'img-a.png'), path.join(dir, 'images', 'img-a.png'));
    await expect(src.samples[0].load()).rejects.toThrow(/annotation 1002 \(image 100\): RLE runs cover more than/);
  });

  it('refuses malformed JSON structures with the index at fault', async () => {
    const dir = await copyFixture('coco');
    let f = await rewrite(dir, (j) => {
      j.annotations[1].segmentation = [[1, 2, 3]];
    });
    await expect(importCoco(f)).rejects.toThrow(/annotation 1001: segmentation must be polygons/);
    f = await rewrite(dir, (j) => {
      j.annotations[1].image_id = 7;
    });
    await expect(importCoco(f)).rejects.toThrow(/annotation 1001: image_id 7 is not in "images"/);
    await fs.writeFile(f, '{"images": [');
    await expect(importCoco(f)).rejects.toThrow(/not valid JSON/);
    await expect(importCoco(path.join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: cannot be read \(ENOENT\)/);
  });
});
