import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodePng } from '@ganseg/io';
import { readSegmentationDataset } from '@ganseg/deeplab';
import { _runCommand } from './_test_cli.js';
import { registerDatasetMerge } from './dataset-merge.js';
import { registerTrainDeepLab } from './train-deeplab.js';
import { registerEvaluate } from './evaluate.js';
import { registerPredict } from './predict.js';

// 16x16 JPEG (jpeg-js, quality 95): red left half, blue-ish bottom half.
const JPEG_16 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgoBAgICAgICBQMDBQoHBgcKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCv/AABEIABAAEAMBEQACEQEDEQH/xAGiAAABBQEBAQEBAQAAAAAAAAAAAQIDBAUGBwgJCgsQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+gEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoLEQACAQIEBAMEBwUEBAABAncAAQIDEQQFITEGEkFRB2FxEyIygQgUQpGhscEJIzNS8BVictEKFiQ04SXxFxgZGiYnKCkqNTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqCg4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2dri4+Tl5ufo6ery8/T19vf4+fr/2gAMAwEAAhEDEQA/APl+vxM/1APjOv3Q/wAqz9DK/qQ/0oPjOv3Q/wAqz//Z';

const root = mkdtempSync(path.join(os.tmpdir(), 'ganseg-import-'));
const p = (...s: string[]) => path.join(root, ...s);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (args: string[]) => _runCommand([registerDatasetMerge, registerTrainDeepLab, registerEvaluate, registerPredict], args, true);

/** A COCO set: 4 JPEG photos 16x16 (the left half is the car) and 2 PNG photos 24x16, different sizes. */
function cocoSet(): string {
  mkdirSync(p('coco', 'images'), { recursive: true });
  const images = [];
  const annotations = [];
  for (let k = 0; k < 6; k++) {
    const jpg = k < 4;
    const [w, h] = jpg ? [16, 16] : [24, 16];
    const name = jpg ? `photo${k}.jpg` : `photo${k}.png`;
    if (jpg) writeFileSync(p('coco', 'images', name), Buffer.from(JPEG_16, 'base64'));
    else {
      const rgb = new Uint8Array(w * h * 3);
      for (let i = 0; i < w * h; i++) rgb.set(i % w < 12 ? [200, 40, 110] : [30, 40, 110], 3 * i);
      writeFileSync(p('coco', 'images', name), encodePng({ data: rgb, width: w, height: h, channels: 3 }));
    }
    images.push({ id: k + 1, file_name: name, width: w, height: h });
    annotations.push({ id: 10 + k, image_id: k + 1, category_id: 3, iscrowd: 0, segmentation: [[0, 0, w / 2, 0, w / 2, h, 0, h]] });
  }
  annotations.push({ id: 99, image_id: 1, category_id: 7, iscrowd: 1, segmentation: { counts: [0, 2, 254], size: [16, 16] } });
  const categories = [{ id: 3, name: 'car' }, { id: 7, name: 'person' }];
  writeFileSync(p('coco', 'instances.json'), JSON.stringify({ images, annotations, categories }));
  return p('coco', 'instances.json');
}

describe('ganseg dataset import', () => {
  it('imports COCO JPEG photos with a split; train-deeplab and evaluate take the result; evaluate prints the paper IoU', async () => {
    const file = cocoSet();
    const said = await run(['dataset', 'import', file, '-o', p('real'), '--format', 'coco', '--categories', 'car', '--split', '1,2', '--seed', '0']);
    expect(said).toMatch(/real\/train: 2 samples; pixels: background \d+\.\d%, car \d+\.\d%; ignored 0/);
    expect(said).toMatch(/real\/test: 4 samples/);
    expect(said).toMatch(/classes: 0 background, 1 car \(255 = ignore\)/);
    const test = await readSegmentationDataset(p('real', 'test'));
    expect(test.classes.map((c) => c.name)).toEqual(['background', 'car']);
    const train = await readSegmentationDataset(p('real', 'train'));
    expect([...train.samples, ...test.samples].map((s) => `${s.width}x${s.height}`).sort()).toEqual(['16x16', '16x16', '16x16', '16x16', '24x16', '24x16']);
    const model = p('seg');
    await run(['train-deeplab', p('real', 'train'), '-o', model, '--backbone', 'resnet18', '--width', '0.0625', '--batch', '2', '--crop', '16', '--epochs', '1']);
    const table = await run(['evaluate', '--model', model, p('real', 'test')]);
    expect(table).toMatch(/paper IoU (\d\.\d{4}|n\/a) \(mean over the classes but background, accumulated over the set\)/);
    expect(table).toMatch(/IoU per class: background (\d\.\d{4}|n\/a), car (\d\.\d{4}|n\/a)/);
    const json = JSON.parse(await run(['evaluate', '--model', model, p('real', 'test'), '--json']));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['pixelAccuracy', 'meanIoU', 'backgroundSkippedIoU', 'perClass']));
    expect(json.perClass.map((c: { name: string }) => c.name)).toEqual(['background', 'car']);
    const saved = JSON.parse(readFileSync(path.join(model, 'metrics.json'), 'utf8'));
    expect(saved.backgroundSkippedIoU).toBe(json.backgroundSkippedIoU);
    await run(['predict', '--model', model, p('coco', 'images', 'photo0.jpg'), '-o', p('pred')]);
    expect(readdirSync(p('pred', 'masks'))).toEqual(['photo0.png']);
  }, 120_000);

  it('refuses bad input naming the file and id, leaving no output', async () => {
    const file = cocoSet();
    const j = JSON.parse(readFileSync(file, 'utf8'));
    j.annotations[2].segmentation = [[0, 0, 30, 0, 30, 16]];
    writeFileSync(p('coco', 'bad.json'), JSON.stringify(j));
    await expect(run(['dataset', 'import', p('coco', 'bad.json'), '-o', p('bad'), '--format', 'coco'])).rejects.toThrow(
      /bad\.json: annotation 12 \(image 3\): polygon point \(30, 0\) lies outside the 16x16 image/,
    );
    expect(existsSync(p('bad'))).toBe(false);
    expect(readdirSync(root).filter((n) => n.includes('.tmp-'))).toEqual([]);
    await expect(run(['dataset', 'import', file, '-o', p('bad'), '--format', 'coco', '--categories', 'bus'])).rejects.toThrow(/unknown category "bus"/);
    await expect(run(['dataset', 'import', file, '-o', p('bad'), '--format', 'xml'])).rejects.toThrow(/--format xml; expected coco, voc or folder/);
    await expect(run(['dataset', 'import', file, '--format', 'coco'])).rejects.toThrow(/-o <dir> is required/);
    await expect(run(['dataset', 'import', file, '-o', p('bad'), '--split', '20'])).rejects.toThrow(/--split 20; expected two proportions/);
    await expect(run(['dataset', 'frobnicate', file])).rejects.toThrow(/dataset frobnicate: unknown action/);
  });
});
