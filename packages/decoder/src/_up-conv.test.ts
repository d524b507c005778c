import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, initBackend } from '@ganseg/runtime';
import { expectArraysClose } from '@ganseg/test-util';
import { _upConv3x3 } from './_up-conv.js';

const rand = (seed: number, shape: number[]) => tf.tensor(createRng(seed).normalArray(shape.reduce((a, b) => a * b, 1)), shape);

describe('_upConv3x3', () => {
  beforeAll(async () => {
    await initBackend();
  });

  for (const [n, h, w, cin, cout] of [[1, 4, 5, 3, 2], [2, 3, 3, 6, 5], [1, 1, 2, 2, 3]]) {
    it(`equals conv3x3(nearest x2 upsample) in value and both gradients (${n}x${h}x${w}, ${cin}->${cout})`, () => {
      const x = rand(1, [n, h, w, cin]) as tf.Tensor4D;
      const k = rand(2, [3, 3, cin, cout]) as tf.Tensor4D;
      const dy = rand(3, [n, 2 * h, 2 * w, cout]);
      const ref = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(tf.image.resizeNearestNeighbor(a, [2 * h, 2 * w]), b, 1, 'same');
      const g = (f: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D) => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), dy)))([x, k]);
      const close = (a: tf.Tensor, b: tf.Tensor) => {
        expect(a.shape).toEqual(b.shape);
        const [u, v] = [a.dataSync(), b.dataSync()];
        expectArraysClose(u, v, 1e-4, 1e-4);
      };
      const [yo, yr] = [_upConv3x3(x, k), ref(x, k)];
      close(yo, yr);
      const [go, gr] = [g(_upConv3x3), g(ref)];
      close(go[0], gr[0]);
      close(go[1], gr[1]);
      tf.dispose([x, k, dy, yo, yr, ...go, ...gr]);
    });
  }

  it('refuses a kernel that is not 3x3', () => {
    const x = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    const k = tf.zeros([1, 1, 1, 1]) as tf.Tensor4D;
    expect(() => _upConv3x3(x, k)).toThrow(/3x3 kernel; got 1x1/);
    tf.dispose([x, k]);
  });
});
