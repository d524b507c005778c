import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { WeightsMismatchError } from '@ganseg/io';
import { initBackend } from '@ganseg/runtime';
import { Vgg16Features, type RawTensor } from './vgg16-features.js';

// tools/embed-ref/make_fixtures.py: torchvision-indexed VGG16 with formula weights, PyTorch reference
const fx = JSON.parse(readFileSync(new URL('../fixtures/vgg16-features.json', import.meta.url), 'utf8'));
const CONVS: [number, number, number][] = [[0, 3, 64], [2, 64, 64], [5, 64, 128], [7, 128, 128], [10, 128, 256], [12, 256, 256], [14, 256, 256], [17, 256, 512], [19, 512, 512]];
const formula = (n: number, salt: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7071 + salt * 1.37) * 0.5 + Math.cos(i * 0.0137 * (salt + 1)) * 0.5);
function state(): Map<string, RawTensor> {
  const m = new Map<string, RawTensor>();
  for (const [idx, cin, cout] of CONVS) {
    const s = Math.sqrt(2 / (cin * 9));
    m.set(`features.${idx}.weight`, { shape: [cout, cin, 3, 3], data: formula(cout * cin * 9, idx).map((v) => v * s) });
    m.set(`features.${idx}.bias`, { shape: [cout], data: formula(cout, idx + 100).map((v) => v * 0.1) });
  }
  return m;
}

beforeAll(async () => {
  await initBackend();
});

describe('Vgg16Features', () => {
  it('matches PyTorch on torchvision-named weights (relative 1e-4)', () => {
    const vgg = Vgg16Features.fromTorch(state());
    const before = tf.memory().numTensors;
    const img = tf.tensor4d(fx.image, [1, fx.size, fx.size, 3]);
    const feats = vgg.features(img);
    for (const [name, ref] of Object.entries<{ shape: number[]; sum: number; sumsq: number; first: number[]; max: number }>(fx.features)) {
      const t = feats[name];
      expect(t.shape).toEqual(ref.shape);
      const d = t.dataSync();
      let s = 0;
      let s2 = 0;
      for (const v of d) {
        s += v;
        s2 += v * v;
      }
      expect(Math.abs(s - ref.sum) / Math.max(1, Math.abs(ref.sum))).toBeLessThan(1e-4);
      expect(Math.abs(s2 - ref.sumsq) / Math.max(1, ref.sumsq)).toBeLessThan(1e-4);
      const scale = Math.max(1, ref.max);
      ref.first.forEach((v, i) => expect(Math.abs(d[i] - v) / scale).toBeLessThan(1e-4));
    }
    tf.dispose([img, ...Object.values(feats)]);
    expect(tf.memory().numTensors).toBe(before);
    vgg.dispose();
  });

  it('names every missing and mis-shaped key', () => {
    const s = state();
    s.delete('features.12.bias');
    s.set('features.19.weight', { shape: [512, 256, 3, 3], data: new Float32Array(512 * 256 * 9) });
    expect(() => Vgg16Features.fromTorch(s, 'my-vgg.pth')).toThrow(WeightsMismatchError);
    expect(() => Vgg16Features.fromTorch(s, 'my-vgg.pth')).toThrow(/my-vgg\.pth[\s\S]*features\.12\.bias[\s\S]*features\.19.*\[512, 512, 3, 3\].*\[512, 256, 3, 3\]/);
    const before = tf.memory().numTensors;
    let err: unknown;
    try {
      Vgg16Features.fromTorch(s, 'my-vgg.pth');
    } catch (e) {
      err = e;
    }
    expect(tf.memory().numTensors).toBe(before);
    const w = err as WeightsMismatchError;
    expect([w.source, w.missing, w.misshaped, w.unexpected]).toEqual(['my-vgg.pth', ['features.12.bias'], [{ name: 'features.19.weight', expected: [512, 512, 3, 3], found: [512, 256, 3, 3] }], []]);
  });

  it('takes a whole torchvision vgg16 state dict (later convolutions, classifier) and refuses any other key', () => {
    const s = state();
    for (const k of ['features.21.weight', 'features.28.bias', 'classifier.0.weight', 'classifier.6.bias']) s.set(k, { shape: [1], data: [0] });
    Vgg16Features.fromTorch(s).dispose();
    s.set('features.1.weight', { shape: [1], data: [0] });
    expect(() => Vgg16Features.fromTorch(s, 'my-vgg.pth')).toThrow(/my-vgg\.pth[\s\S]*unexpected 1: features\.1\.weight/);
  });
});
