import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, createRng } from '@ganseg/runtime';
import { expectArraysClose } from '@ganseg/test-util';
import { _up2 } from './_conv-grad.js';

const rand = (seed: number, shape: number[]) => tf.tensor(createRng(seed).normalArray(shape.reduce((a, b) => a * b, 1)), shape);

describe('_up2 (gradient in plain ops)', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' }); // the cpu backend has the reference kernels (Conv2DBackpropFilter, ResizeNearestNeighborGrad)
  });

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
    expectArraysClose(a, want, 1e-4);
    tf.dispose([x, dy, g1]);
  });
});
