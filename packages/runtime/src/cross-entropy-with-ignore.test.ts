import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './init-backend.js';
import { crossEntropyWithIgnore } from './cross-entropy-with-ignore.js';

describe('crossEntropyWithIgnore', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('averages -log softmax over labelled pixels only (255 counts for nothing)', () => {
    const logits = [[2, 0, -1], [0.5, 0.5, 3], [1, 2, 3], [0, 0, 0]];
    const labels = [0, 2, 255, 1];
    const ref = [0, 1, 3].map((i) => {
      const l = logits[i];
      const lse = Math.log(l.reduce((s, v) => s + Math.exp(v), 0));
      return lse - l[labels[i]];
    });
    const before = tf.memory().numTensors;
    const lt = tf.tensor2d(logits);
    const yt = tf.tensor1d(labels, 'int32');
    const loss = crossEntropyWithIgnore(lt, yt);
    expect(Math.abs(loss.dataSync()[0] - (ref[0] + ref[1] + ref[2]) / 3)).toBeLessThan(1e-5);
    const all255 = tf.fill([4], 255, 'int32');
    const none = crossEntropyWithIgnore(lt, all255);
    expect(Math.abs(none.dataSync()[0])).toBe(0);
    tf.dispose([lt, yt, loss, none, all255]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
