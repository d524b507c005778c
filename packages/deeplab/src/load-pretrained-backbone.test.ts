import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { maxAbsDiff } from '@ganseg/test-util';
import { createDeepLab } from './create-deeplab.js';
import { loadPretrainedBackbone } from './load-pretrained-backbone.js';
import { WeightsMismatchError } from '@ganseg/io';
import { _FIXTURES, _readRaw } from './_test_fixtures.js';

const NAME = 'resnet18-w0.0625-os16';

describe('loadPretrainedBackbone', () => {
  it('loads a state dict in memory and refuses one of another width', async () => {
    await initBackend({ backend: 'wasm' });
    const model = createDeepLab({ numClasses: 2, backbone: 'resnet18', width: 0.0625 });
    const state = _readRaw(`${NAME}.state`);
    expect(await loadPretrainedBackbone(model, state)).toBe(100);
    const w = await model.weights.get('backbone.layer1.0.bn1.running_var')!.data();
    expect(Array.from(w)).toEqual(Array.from(state.get('layer1.0.bn1.running_var')!.data));
    const wide = createDeepLab({ numClasses: 2, backbone: 'resnet18', width: 0.125 });
    await expect(loadPretrainedBackbone(wide, state)).rejects.toThrow(WeightsMismatchError);
    model.dispose();
    wide.dispose();
  });

  describe('from a .pth', () => {
    it("reads torchvision's .pth and matches PyTorch's layer4 within 1e-4", async () => {
      await initBackend({ backend: 'wasm' });
      const model = createDeepLab({ numClasses: 2, backbone: 'resnet18', width: 0.0625, outputStride: 16 });
      expect(await loadPretrainedBackbone(model, path.join(_FIXTURES, `${NAME}.pth`))).toBe(100);
      const exp = _readRaw(`${NAME}.expected`);
      const input = exp.get('input')!;
      const out = tf.tidy(() => model.backbone(tf.tensor4d(input.data, input.shape as [number, number, number, number])).layer4);
      expect(maxAbsDiff(await out.data(), exp.get('layer4')!.data)).toBeLessThan(1e-4);
      out.dispose();
      model.dispose();
    });
  });
});
