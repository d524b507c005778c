import { promises as fs } from 'node:fs';
import path from 'node:path';
import { encodePng } from '@ganseg/io';
import { afterEach, describe, expect, it } from 'vitest';
import { readSegmentationDataset } from './read-segmentation-dataset.js';
import { DatasetLayoutError } from './dataset-layout-error.js';
import { trainDeepLab } from './train-deeplab.js';
import { _writeShapes } from './_test_dataset.js';

const dirs: string[] = [];
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
    await _fails(d, /dataset\.json$/, /missing/);
  });
});
