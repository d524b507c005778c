import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { maxAbsDiff } from '@ganseg/test-util';
import { mapTorchvisionResNet } from './map-torchvision-resnet.js';
import { createDeepLab } from './create-deeplab.js';
import { resolveDeepLabConfig, type DeepLabConfig } from './deeplab-config.js';
import { WeightsMismatchError } from '@ganseg/io';
import { _assignWeights } from './_assign-weights.js';
import { _FIXTURES, _readRaw } from './_test_fixtures.js';

const CASES = ['resnet18-w0.0625-os16', 'resnet50-w0.0625-os8'];

function _config(name: string): DeepLabConfig {
  const c = JSON.parse(readFileSync(path.join(_FIXTURES, `${name}.config.json`), 'utf8')) as Omit<DeepLabConfig, 'numClasses'>;
  return resolveDeepLabConfig({ ...c, numClasses: 2 });
}

describe('mapTorchvisionResNet', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  for (const backend of ['wasm', 'cpu']) {
    for (const name of CASES) {
      it(`matches PyTorch's stage outputs within 1e-4 of each stage's scale (${name}, ${backend})`, async () => {
        await initBackend({ backend });
        const config = _config(name);
        const model = createDeepLab(config, { seed: 3 });
        _assignWeights(model, mapTorchvisionResNet(_readRaw(`${name}.state`), config, name));
        const exp = _readRaw(`${name}.expected`);
        const input = exp.get('input')!;
        const before = tf.memory().numTensors;
        const got = tf.tidy(() => {
          const f = model.backbone(tf.tensor4d(input.data, input.shape as [number, number, number, number]));
          return [f.layer1, f.layer2, f.layer3, f.layer4];
        });
        for (let i = 0; i < 4; i++) {
          const e = exp.get(`layer${i + 1}`)!;
          expect(got[i].shape).toEqual(e.shape);
          // float32 through 50 layers: PyTorch's own float32 pass is 3e-4 off its float64 pass at layer3
          // (|values| up to 11), so the bound is 1e-4 times the stage's largest value (at least 1).
          const scale = Math.max(1, ...Array.from(e.data, Math.abs));
          const d = maxAbsDiff(await got[i].data(), e.data);
          expect(d / scale, `layer${i + 1}`).toBeLessThan(1e-4);
        }
        tf.dispose(got);
        expect(tf.memory().numTensors).toBe(before);
        model.dispose();
      });
    }
  }

  it('fits a real-size torchvision resnet50 by name and shape, and ignores fc and num_batches_tracked', () => {
    const listing = JSON.parse(readFileSync(path.join(_FIXTURES, 'resnet50-names.json'), 'utf8')) as { name: string; shape: number[] }[];
    const state = Object.fromEntries(listing.map((e) => [e.name, { shape: e.shape }]));
    expect(Object.keys(state)).toContain('layer4.2.conv3.weight');
    expect(() => mapTorchvisionResNet(state, resolveDeepLabConfig({ numClasses: 21, backbone: 'resnet50' }))).not.toThrow();
  });

  it('names missing, unexpected and mis-shaped keys', () => {
    const listing = JSON.parse(readFileSync(path.join(_FIXTURES, 'resnet50-names.json'), 'utf8')) as { name: string; shape: number[] }[];
    const state = Object.fromEntries(listing.map((e) => [e.name, { shape: e.shape }]));
    delete state['layer2.0.downsample.0.weight'];
    state['layer5.0.conv1.weight'] = { shape: [1, 1, 1, 1] };
    state['layer1.0.bn1.weight'] = { shape: [65] };
    let err: unknown;
    try {
      mapTorchvisionResNet(state, resolveDeepLabConfig({ numClasses: 21, backbone: 'resnet50' }), 'r50.pth');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WeightsMismatchError);
    const w = err as WeightsMismatchError;
    expect(w.missing).toEqual(['layer2.0.downsample.0.weight']);
    expect(w.unexpected).toEqual(['layer5.0.conv1.weight']);
    expect(w.misshaped).toEqual([{ name: 'layer1.0.bn1.weight', expected: [64], found: [65] }]);
    expect(w.message).toMatch(/^r50\.pth: [\s\S]*layer2\.0\.downsample\.0\.weight[\s\S]*layer1\.0\.bn1\.weight expected \[64\], found \[65\]/);
    // The wrong depth is refused too.
    expect(() => mapTorchvisionResNet(state, resolveDeepLabConfig({ numClasses: 21, backbone: 'resnet101' }))).toThrow(/missing \d+: .*layer3\.6/);
  });
});
