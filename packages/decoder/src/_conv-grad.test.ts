import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, createRng } from '@ganseg/runtime';
import { _convSame, _up2 } from './_conv-grad.js';

const rand = (seed: number, shape: number[]) => tf.tensor(createRng(seed).normalArray(shape.reduce((a, b) => a * b, 1)), shape);

describe('_convSame and _up2 (gradients in plain ops)', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' }); // the cpu backend has the reference kernels (Conv2DBackpropFilter, ResizeNearestNeighborGrad)
  });

  for (const [k, cin, cout, n] of [[3, 5, 4, 2], [1, 6, 3, 1], [3, 2, 7, 1]]) {
    it(`match tf.conv2d's value and gradients (k=${k}, ${cin}->${cout}, batch ${n})`, () => {
      const x = rand(1, [n, 7, 6, cin]) as tf.Tensor4D;
      const w = rand(2, [k, k, cin, cout]) as tf.Tensor4D;
      const dy = rand(3, [n, 7, 6, cout]);
      const f = (conv: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D) => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), dy)));
      const ours = f(_convSame)([x, w]);
      const ref = f((a, b) => tf.conv2d(a, b, 1, 'same'))([x, w]);
      for (let i = 0; i < 2; i++) {
        const a = ours[i].dataSync();
        const b = ref[i].dataSync();
        for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-4 * (1 + Math.abs(b[j])));
      }
      expect(Array.from(_convSame(x, w).dataSync())).toEqual(Array.from(tf.conv2d(x, w, 1, 'same').dataSync()));
      tf.dispose([x, w, dy, ...ours, ...ref]);
    });
  }

  it('_up2 equals resizeNearestNeighbor x2; its gradient sums dy over each 2x2 block', () => {
    const x = rand(4, [2, 3, 5, 3]) as tf.Tensor4D;
    const dy = rand(5, [2, 6, 10, 3]);
    expect(Array.from(_up2(x).dataSync())).toEqual(Array.from(tf.image.resizeNearestNeighbor(x, [6, 10]).dataSync()));
    const g1 = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(_up2(a as tf.Tensor4D), dy)))(x);
    // expected: each input pixel receives the sum of dy over its 2x2 block
    const d = dy.dataSync();
    const want = new Float32Array(2 * 3 * 5 * 3);
    for (let b = 0; b < 2; b++) for (let y = 0; y < 6; y++) for (let xx = 0; xx < 10; xx++) for (let c = 0; c < 3; c++) {
      want[((b * 3 + (y >> 1)) * 5 + (xx >> 1)) * 3 + c] += d[((b * 6 + y) * 10 + xx) * 3 + c];
    }
    const a = g1.dataSync();
    for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - want[j])).toBeLessThan(1e-4);
    tf.dispose([x, dy, g1]);
  });
});
