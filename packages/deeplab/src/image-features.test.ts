import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { createDeepLab } from './create-deeplab.js';
import { imageFeatures } from './image-features.js';
import { _normalize } from './_augment.js';

describe('imageFeatures', () => {
  it("is the image-mean of the backbone's last stage, the same batched or not, no leaks; names a wrong size", async () => {
    await initBackend();
    const model = createDeepLab({ numClasses: 2, backbone: 'resnet18', width: 0.0625 }, { seed: 1 });
    const images = [0, 1, 2].map((k) => ({ width: 17, height: 13, data: Uint8Array.from({ length: 17 * 13 * 3 }, (_, i) => (i * (7 + k)) % 256) }));
    const before = tf.memory().numTensors;
    const all = imageFeatures(model, images, 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(all).toHaveLength(3);
    const one = tf.tidy(() => tf.mean(model.backbone(tf.tensor4d(_normalize(images[2].data), [1, 13, 17, 3])).layer4, [1, 2]).dataSync());
    expect(all[2].length).toBe(one.length);
    for (let i = 0; i < one.length; i++) expect(Math.abs(all[2][i] - one[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(one[i])));
    expect(() => imageFeatures(model, [images[0], { width: 4, height: 4, data: new Uint8Array(48) }])).toThrow(/image 1 is 4x4/);
    model.dispose();
  }, 60_000);
});
