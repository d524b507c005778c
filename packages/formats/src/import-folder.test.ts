import { promises as fs } from 'node:fs';
import path from 'node:path';
import { encodePng } from '@ganseg/io';
import { describe, expect, it } from 'vitest';
import { importFolder } from './import-folder.js';
import { ImportError } from './import-error.js';
import { FIXTURES, grey16Png, readGrey, tempDir } from './_test_fixtures.js';

/** images/ (one JPEG, one PNG, of different sizes) + masks/ (a palette PNG and a grey one). */
async function folder(): Promise<string> {
  const dir = path.join(await tempDir(), 'photos');
  await fs.mkdir(path.join(dir, 'images'), { recursive: true });
  await fs.mkdir(path.join(dir, 'masks'), { recursive: true });
  await fs.copyFile(path.join(FIXTURES, 'voc', 'JPEGImages', '2007_000001.jpg'), path.join(dir, 'images', 'a.jpg'));
  await fs.copyFile(path.join(FIXTURES, 'coco', 'images', 'img-c.png'), path.join(dir, 'images', 'b.png'));
  await fs.copyFile(path.join(FIXTURES, 'voc', 'SegmentationClass', '2007_000001.png'), path.join(dir, 'masks', 'a.png'));
  await fs.writeFile(path.join(dir, 'masks', 'b.png'), encodePng({ data: new Uint8Array(33 * 33).fill(1), width: 33, height: 33, channels: 1 }));
  return dir;
}

describe('importFolder', () => {
  it('pairs images (JPEG, PNG; different sizes) with class-index masks (grey or palette)', async () => {
    const dir = await folder();
    const src = await importFolder(dir, { classes: ['background', 'a', 'b'] });
    expect(src.samples.map((s) => [s.id, s.source])).toEqual([['a', 'images/a.jpg'], ['b', 'images/b.png']]);
    const a = await src.samples[0].load();
    expect([a.image.width, a.image.height]).toEqual([20, 14]);
    const ref = await readGrey(path.join(FIXTURES, 'voc', 'expected', '2007_000001.png'));
    expect(Buffer.from(a.mask).equals(Buffer.from(ref.data))).toBe(true);
    const b = await src.samples[1].load();
    expect([b.image.width, b.image.height, b.mask[0]]).toEqual([33, 33, 1]);
  });

  it('reads a 16-bit grey mask as the ids it stores (not scaled to 8 bits), refuses an RGB mask and a wrong size', async () => {
    const dir = await folder();
    const ids = Array.from({ length: 33 * 33 }, (_, i) => (i % 3 === 0 ? 2 : i % 7 === 0 ? 255 : 1));
    await fs.writeFile(path.join(dir, 'masks', 'b.png'), grey16Png(33, 33, ids));
    const src = await importFolder(dir, { classes: ['background', 'a', 'b'] });
    expect(Array.from((await src.samples[1].load()).mask)).toEqual(ids);
    await fs.writeFile(path.join(dir, 'masks', 'b.png'), encodePng({ data: new Uint8Array(33 * 33 * 3), width: 33, height: 33, channels: 3 }));
    await expect(src.samples[1].load()).rejects.toThrow(/masks\/b\.png: b: is an RGB PNG; expected class indices/);
    await fs.writeFile(path.join(dir, 'masks', 'b.png'), encodePng({ data: new Uint8Array(33 * 32), width: 33, height: 32, channels: 1 }));
    await expect(src.samples[1].load()).rejects.toThrow(/masks\/b\.png: b: 33x32, but its image b\.png is 33x33/);
  });

  it('refuses an image without a mask, a mask without an image, a missing --classes', async () => {
    const dir = await folder();
    await expect(importFolder(dir, { classes: undefined as unknown as string[] })).rejects.toThrow(/--classes/);
    await fs.rename(path.join(dir, 'masks', 'b.png'), path.join(dir, 'masks', 'c.png'));
    await expect(importFolder(dir, { classes: ['bg', 'x'] })).rejects.toThrow(/masks\/c\.png: c: has no image images\/c\.jpg or \.png/);
    await fs.rm(path.join(dir, 'masks', 'c.png'));
    await expect(importFolder(dir, { classes: ['bg', 'x'] })).rejects.toThrow(ImportError);
    await expect(importFolder(dir, { classes: ['bg', 'x'] })).rejects.toThrow(/images\/b\.png: b: has no mask masks\/b\.png/);
  });
});
