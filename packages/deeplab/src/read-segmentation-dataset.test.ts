import { promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePng } from '@ganseg/io';
import { afterEach, describe, expect, it } from 'vitest';
import { readSegmentationDataset } from './read-segmentation-dataset.js';
import { DatasetLayoutError } from '@ganseg/formats';
import { trainDeepLab } from './train-deeplab.js';
import { _writeShapes } from './_test_dataset.js';

const dirs: string[] = [];
const _JPEG_16 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgoBAgICAgICBQMDBQoHBgcKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCv/AABEIABAAEAMBEQACEQEDEQH/xAGiAAABBQEBAQEBAQAAAAAAAAAAAQIDBAUGBwgJCgsQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+gEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoLEQACAQIEBAMEBwUEBAABAncAAQIDEQQFITEGEkFRB2FxEyIygQgUQpGhscEJIzNS8BVictEKFiQ04SXxFxgZGiYnKCkqNTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqCg4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2dri4+Tl5ufo6ery8/T19vf4+fr/2gAMAwEAAhEDEQA/APl+vxM/1APjOv3Q/wAqz9DK/qQ/0oPjOv3Q/wAqz//Z';
async function _shapes(manifest = false): Promise<string> {
  const d = await _writeShapes(3, 16, 2, { manifest });
  dirs.push(d);
  return d;
}

async function _fails(dir: string, file: RegExp, why: RegExp): Promise<void> {
  let err: unknown;
  try {
    await readSegmentationDataset(dir);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DatasetLayoutError);
  expect((err as DatasetLayoutError).file).toMatch(file);
  expect((err as Error).message).toMatch(why);
}

describe('readSegmentationDataset', () => {
  afterEach(async () => {
    for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
  });

  it('reads a dataset with or without a manifest, the same samples', async () => {
    const a = await readSegmentationDataset(await _shapes(true));
    const b = await readSegmentationDataset(await _shapes(false));
    expect(a.classes.map((c) => c.name)).toEqual(['background', 'disc', 'square']);
    expect(a.samples.map((s) => s.id)).toEqual(['s0000', 's0001', 's0002']);
    expect(b.samples.map((s) => s.id)).toEqual(a.samples.map((s) => s.id));
    expect(b.samples[1].image).toEqual(a.samples[1].image);
    expect(a.samples[0].image.length).toBe(16 * 16 * 3);
    expect(new Set(a.samples[0].mask)).toEqual(new Set([0, 1, 2]));
  });

  it('names an image without its mask', async () => {
    const d = await _shapes();
    await fs.rm(path.join(d, 'masks', 's0001.png'));
    await _fails(d, /masks\/s0001\.png$/, /missing \(the mask of images\/s0001\.png\)/);
  });

  it('names a mask without its image, and a manifest id without files', async () => {
    const d = await _shapes();
    await fs.rm(path.join(d, 'images', 's0002.png'));
    await _fails(d, /masks\/s0002\.png$/, /has no image/);
    const m = await _shapes(true);
    await fs.appendFile(path.join(m, 'manifest.jsonl'), '{"id":"s0009"}\n');
    await _fails(m, /images\/s0009\.png$/, /missing \(listed in manifest\.jsonl\)/);
  });

  it('names a mask whose size differs from its image', async () => {
    const d = await _shapes();
    await fs.writeFile(path.join(d, 'masks', 's0000.png'), encodePng({ data: new Uint8Array(15 * 16), width: 15, height: 16, channels: 1 }));
    await _fails(d, /masks\/s0000\.png$/, /15x16, but its image is 16x16/);
  });

  it('names a class id at or above the class count (255 is allowed), before training starts', async () => {
    const d = await _shapes();
    const m = new Uint8Array(16 * 16);
    m[5] = 255;
    await fs.writeFile(path.join(d, 'masks', 's0001.png'), encodePng({ data: m, width: 16, height: 16, channels: 1 }));
    await expect(readSegmentationDataset(d)).resolves.toBeTruthy();
    m[16 * 2 + 3] = 3;
    await fs.writeFile(path.join(d, 'masks', 's0001.png'), encodePng({ data: m, width: 16, height: 16, channels: 1 }));
    await _fails(d, /masks\/s0001\.png$/, /class id 3 at \(x 3, y 2\), but dataset\.json has 3 classes/);
    let progressed = false;
    await expect(trainDeepLab({ dataset: d, out: path.join(d, 'run'), backbone: 'resnet18', width: 0.0625, epochs: 1, onProgress: () => (progressed = true) }))
      .rejects.toThrow(DatasetLayoutError);
    expect(progressed).toBe(false);
  });

  it('names a missing dataset.json', async () => {
    const d = await _shapes();
    await fs.rm(path.join(d, 'dataset.json'));
    await _fails(d, /dataset\.json$/, /missing.*ganseg dataset import/);
  });

  it('reads JPEG images (images/<id>.jpg), of different sizes, and names a corrupt one', async () => {
    const d = await _shapes();
    await fs.rm(path.join(d, 'images', 's0001.png'));
    // 16x16, quality 95 (jpeg-js): R 200 left / 30 right, G 40, B 40 top / 180 bottom
    await fs.writeFile(path.join(d, 'images', 's0001.jpg'), Buffer.from(_JPEG_16, 'base64'));
    // s0002 at another size: 20x12 image and mask
    await fs.writeFile(path.join(d, 'images', 's0002.png'), encodePng({ data: new Uint8Array(20 * 12 * 3).fill(90), width: 20, height: 12, channels: 3 }));
    await fs.writeFile(path.join(d, 'masks', 's0002.png'), encodePng({ data: new Uint8Array(20 * 12).fill(1), width: 20, height: 12, channels: 1 }));
    const ds = await readSegmentationDataset(d);
    expect(ds.samples.map((s) => [s.id, s.width, s.height])).toEqual([['s0000', 16, 16], ['s0001', 16, 16], ['s0002', 20, 12]]);
    const px = (x: number, y: number) => Array.from(ds.samples[1].image.subarray((y * 16 + x) * 3, (y * 16 + x) * 3 + 3));
    for (const [[x, y], want] of [[[2, 2], [200, 40, 40]], [[13, 2], [30, 40, 40]], [[2, 13], [200, 40, 180]], [[13, 13], [30, 40, 180]]] as const) {
      px(x, y).forEach((v, c) => expect(Math.abs(v - want[c])).toBeLessThan(12));
    }
    await fs.writeFile(path.join(d, 'images', 's0001.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]));
    await _fails(d, /images\/s0001\.jpg$/, /not a readable JPEG/);
    await fs.writeFile(path.join(d, 'images', 's0001.png'), encodePng({ data: new Uint8Array(16 * 16 * 3), width: 16, height: 16, channels: 3 }));
    await _fails(d, /images\/s0001\.png$/, /a second image of id s0001/);
  });
});

describe('readSegmentationDataset: hostile and odd masks (tools/hostile-inputs/make_images.py)', () => {
  const hostile = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'hostile');
  const exp = JSON.parse(readFileSync(path.join(hostile, 'expected.json'), 'utf8')) as { width: number; height: number; masks: Record<string, number[]> };
  /** A one-sample, two-class dataset of 8x6 whose mask is the fixture `name` (or a folder). */
  async function one(name: string | null): Promise<string> {
    const d = await fs.mkdtemp(path.join(tmpdir(), 'ganseg-hostile-'));
    dirs.push(d);
    await fs.mkdir(path.join(d, 'images'));
    await fs.mkdir(path.join(d, 'masks'));
    await fs.writeFile(path.join(d, 'dataset.json'), JSON.stringify({ classes: ['background', 'object'] }));
    await fs.writeFile(path.join(d, 'images', 'a.png'), encodePng({ data: new Uint8Array(exp.width * exp.height * 3), width: exp.width, height: exp.height, channels: 3 }));
    if (name) await fs.copyFile(path.join(hostile, name), path.join(d, 'masks', 'a.png'));
    else await fs.mkdir(path.join(d, 'masks', 'a.png'));
    return d;
  }
  afterEach(async () => {
    for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
  });

  it('16-bit and 1-bit masks keep every label', async () => {
    for (const name of ['grey16.png', 'grey1.png']) {
      const ds = await readSegmentationDataset(await one(name));
      expect(Array.from(ds.samples[0].mask), name).toEqual(exp.masks[name]);
    }
  });

  it('an RGB mask is refused (never read by its red channel); a stray id, broken zlib and a directory are named', async () => {
    await _fails(await one('rgb-classes.png'), /masks\/a\.png$/, /is an RGB PNG; expected class indices/);
    await _fails(await one('stray7.png'), /masks\/a\.png$/, /class id 7 at \(x 6, y 4\), but dataset\.json has 2 classes/);
    await _fails(await one('broken-zlib.png'), /masks\/a\.png$/, /not a readable PNG \(its image data does not inflate/);
    await _fails(await one(null), /masks\/a\.png$/, /is a directory \(the mask of images\/a\.png\)/);
  });

  it('a 68-byte mask claiming 30000x30000 is refused on its header (under 1 s, 300 MB)', async () => {
    const d = await one('huge-claim.png');
    const rss0 = process.resourceUsage().maxRSS * 1024;
    const t0 = performance.now();
    await _fails(d, /masks\/a\.png$/, /30000x30000, but its image is 8x6/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.resourceUsage().maxRSS * 1024 - rss0).toBeLessThan(300 * 1024 * 1024);
  });
});
