import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@ganseg/runtime';
import { imageToBytes } from './image-to-bytes.js';

beforeAll(async () => {
  await initBackend();
});

describe('imageToBytes', () => {
  it('round((x + 1) * 127.5), halves to even, clipped; leaks nothing', () => {
    const before = tf.memory().numTensors;
    // (x + 1) * 127.5: -1 -> 0, 1 -> 255, 0 -> 127.5 (even: 128), -1.5 -> clipped 0, 2 -> clipped 255
    const x = tf.tensor4d([-1, 1, 0, -1.5, 2, 1 / 127.5 - 1], [1, 1, 2, 3]);
    expect(Array.from(imageToBytes(x))).toEqual([0, 255, 128, 0, 255, 1]);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
