import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { trainDeepLab, type TrainDeepLabOptions } from './train-deeplab.js';
import { predictDeepLab } from './predict-deeplab.js';
import { readSegmentationDataset, type SegmentationDataset } from './read-segmentation-dataset.js';
import { loadDeepLab } from './load-deeplab.js';
import { DeepLabConfigError } from './deeplab-config-error.js';
import { _writeShapes } from './_test_dataset.js';

/** Mean IoU over the classes present in the labels or the predictions. */
function _meanIoU(pred: Uint8Array, label: Uint8Array, k: number): number {
  const inter = new Array(k).fill(0);
  const union = new Array(k).fill(0);
  for (let i = 0; i < label.length; i++) {
    if (label[i] === 255) continue;
    if (pred[i] === label[i]) inter[label[i]]++;
    union[label[i]]++;
    if (pred[i] !== label[i]) union[pred[i]]++;
  }
  const ious = inter.map((v, c) => (union[c] ? v / union[c] : NaN)).filter((v) => !Number.isNaN(v));
  return ious.reduce((a, b) => a + b, 0) / ious.length;
}

const tmp: string[] = [];
async function _out(): Promise<string> {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplab-run-'));
  tmp.push(d);
  return d;
}

describe('trainDeepLab', () => {
  let ds: SegmentationDataset;
  const base: Omit<TrainDeepLabOptions, 'dataset' | 'out'> = { backbone: 'resnet18', width: 0.125, crop: 32, batch: 4, seed: 1 };

  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
    const dir = await _writeShapes(4, 32, 1, { manifest: true });
    tmp.push(dir);
    ds = await readSegmentationDataset(dir);
  });
  afterAll(async () => {
    for (const d of tmp) await fs.rm(d, { recursive: true, force: true });
  });

  it('a failed --pretrained load leaves no output folder and no tensors', async () => {
    const parent = await _out();
    const out = path.join(parent, 'run');
    const junk = path.join(parent, 'junk.pth');
    await fs.writeFile(junk, 'not a checkpoint');
    const before = tf.memory().numTensors;
    await expect(trainDeepLab({ ...base, dataset: ds, out, epochs: 1, pretrained: junk })).rejects.toThrow(/junk\.pth/);
    await expect(fs.stat(out)).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('overfits 4 images of shapes to mean IoU >= 0.95 on wasm, without leaking tensors', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    const out = await _out();
    const seen: number[] = [];
    // An overfit test: no scale or flip augmentation, the whole 32x32 image as the crop.
    const E = 130;
    const { model, epochLosses } = await trainDeepLab({
      ...base, dataset: ds, out, epochs: E, lr: 0.1, scale: [1, 1], flip: false, onProgress: (p) => p.phase === 'epoch' && seen.push(p.epoch),
    });
    expect(seen).toEqual(Array.from({ length: E }, (_, i) => i + 1));
    expect(epochLosses[E - 1]).toBeLessThan(epochLosses[0] / 5);
    const ious = [];
    for (const s of ds.samples) {
      const { mask } = await predictDeepLab(model, { data: s.image, width: s.width, height: s.height });
      ious.push(_meanIoU(mask, s.mask, 3));
    }
    const mean = ious.reduce((a, b) => a + b, 0) / ious.length;
    expect(mean, `IoUs ${ious.map((v) => v.toFixed(3))}`).toBeGreaterThanOrEqual(0.95);
    // The saved model predicts the same.
    const { model: loaded, meta } = await loadDeepLab(out);
    expect(meta.epoch).toBe(E);
    const a = await predictDeepLab(model, { data: ds.samples[0].image, width: 32, height: 32 });
    const b = await predictDeepLab(loaded, { data: ds.samples[0].image, width: 32, height: 32 });
    expect(Array.from(b.mask)).toEqual(Array.from(a.mask));
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 80_000);

  it('resumes: the loss curve after resume equals an uninterrupted run', async () => {
    const opts = { ...base, dataset: ds, epochs: 4, batch: 2 };
    const whole = await trainDeepLab({ ...opts, out: await _out() });
    whole.model.dispose();
    const out = await _out();
    const ac = new AbortController();
    const first = await trainDeepLab({ ...opts, out, signal: ac.signal, onProgress: (p) => p.phase === 'epoch' && p.epoch === 2 && ac.abort() });
    first.model.dispose();
    expect(first.stopped).toBe(true);
    expect(first.epoch).toBe(2);
    await expect(trainDeepLab({ ...opts, out })).rejects.toThrow(DeepLabConfigError);
    const resumed = await trainDeepLab({ ...opts, out, resume: true });
    resumed.model.dispose();
    expect(resumed.losses.length).toBe(8);
    for (let i = 0; i < 8; i++) expect(resumed.losses[i]).toBeCloseTo(whole.losses[i], 4);
    // and the curve is not flat: the test could fail
    expect(whole.losses[7]).not.toBeCloseTo(whole.losses[4], 3);
  }, 60_000);

  it('writes checkpoints at most every checkpointSeconds, and always after the last epoch', async () => {
    const opts = { ...base, dataset: ds, epochs: 3, batch: 2 };
    const every = await _out();
    (await trainDeepLab({ ...opts, out: every, checkpointSeconds: 0 })).model.dispose();
    const rare = await _out();
    const seen: number[] = [];
    const r = await trainDeepLab({ ...opts, out: rare, checkpointSeconds: 3600, onProgress: (p) => p.phase === 'epoch' && seen.push(p.epoch) });
    r.model.dispose();
    expect(seen).toEqual([1, 2, 3]);
    // each write keeps the previous checkpoint: every epoch leaves two, one write at the end leaves one
    expect((await fs.readdir(path.join(every, 'checkpoints'))).sort()).toEqual(['epoch-0002', 'epoch-0003']);
    expect(await fs.readdir(path.join(rare, 'checkpoints'))).toEqual(['epoch-0003']);
    expect((await loadDeepLab(rare)).meta.epoch).toBe(3);
  }, 60_000);

  it('splits steps over worker threads: deterministic, close to the one-thread curve', async () => {
    const opts = { ...base, dataset: ds, epochs: 3, batch: 4, workers: 2 };
    const before = tf.memory().numTensors;
    const a = await trainDeepLab({ ...opts, out: await _out() });
    a.model.dispose();
    const b = await trainDeepLab({ ...opts, out: await _out() });
    b.model.dispose();
    expect(b.losses).toEqual(a.losses);
    const one = await trainDeepLab({ ...opts, workers: 1, out: await _out() });
    one.model.dispose();
    // The first step starts from the same weights: per-shard batch norm (2 images, 3x3 maps at layer4) changes it somewhat; _data-parallel.test.ts checks the step exactly.
    expect(Math.abs(a.losses[0] - one.losses[0]) / one.losses[0]).toBeLessThan(0.3);
    expect(a.losses.length).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
