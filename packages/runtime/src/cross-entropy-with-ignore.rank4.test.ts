import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './init-backend.js';
import { crossEntropyWithIgnore } from './cross-entropy-with-ignore.js';

describe('crossEntropyWithIgnore (rank 4, as DeepLabV3+ calls it)', () => {
  it('averages -log p(label) over labelled pixels only (hand-computed)', async () => {
    await initBackend({ backend: 'wasm' });
    // 1x1x3 pixels, 2 classes; the third pixel is ignored.
    const logits = tf.tensor4d([0, 0, 2, 0, 5, -5], [1, 1, 3, 2]);
    const labels = tf.tensor3d([1, 0, 255], [1, 1, 3], 'int32');
    const loss = crossEntropyWithIgnore(logits, labels);
    const expected = (Math.log(2) + (Math.log(1 + Math.exp(-2)))) / 2;
    expect((await loss.data())[0]).toBeCloseTo(expected, 5);
    const none = crossEntropyWithIgnore(logits, tf.fill([1, 1, 3], 255, 'int32') as tf.Tensor3D);
    expect((await none.data())[0]).toBe(0);
    tf.dispose([logits, labels, loss, none]);
  });

  it('an ignore label inside [0, numClasses) counts for nothing either', async () => {
    await initBackend({ backend: 'wasm' });
    const logits = tf.tensor4d([0, 0, 2, 0, 5, -5], [1, 1, 3, 2]);
    const labels = tf.tensor3d([1, 0, 0], [1, 1, 3], 'int32');
    const loss = crossEntropyWithIgnore(logits, labels, 1); // the first pixel is ignored
    expect((await loss.data())[0]).toBeCloseTo((Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(-10))) / 2, 5);
    tf.dispose([logits, labels, loss]);
  });
});
