import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './init-backend.js';
import { createRng } from './create-rng.js';
import { _upsampleConvPhases, _upsampleConvTransposed, upsampleConv3x3 } from './upsample-conv-3x3.js';

const rand = (shape: number[], seed: number) => tf.tensor(createRng(seed).normalArray(shape.reduce((a, b) => a * b, 1)), shape);
const maxRel = (a: tf.Tensor, b: tf.Tensor) => {
  const [x, y] = [a.dataSync(), b.dataSync()];
  let m = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    m = Math.max(m, Math.abs(x[i] - y[i]));
    s = Math.max(s, Math.abs(y[i]));
  }
  return m / s;
};

describe('upsampleConv3x3', () => {
  beforeAll(async () => {
    await initBackend();
  });

  // The reference is the formula itself: nearest x2 upscale, then a SAME 3x3 conv.
  const ref = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.tidy(() => tf.conv2d(tf.image.resizeNearestNeighbor(x, [2 * x.shape[1], 2 * x.shape[2]]), w, 1, 'same'));

  it.each([
    [1, 4, 4, 3, 5],
    [2, 5, 3, 8, 4],
    [1, 1, 1, 2, 2],
    [3, 8, 8, 16, 16],
  ])('equals conv2d(upsample(x)) in value and both gradients, both formulations (n %i, %ix%i, %i -> %i channels)', (n, h, wd, cin, cout) => {
    for (const f of [upsampleConv3x3, _upsampleConvTransposed, _upsampleConvPhases]) check(f, n, h, wd, cin, cout);
  });

  function check(f: typeof ref, n: number, h: number, wd: number, cin: number, cout: number): void {
    const before = tf.memory().numTensors;
    const x = rand([n, h, wd, cin], 1) as tf.Tensor4D;
    const w = rand([3, 3, cin, cout], 2) as tf.Tensor4D;
    const dy = rand([n, 2 * h, 2 * wd, cout], 3);
    const g = (f: typeof ref) => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), dy)))([x, w]);
    const [y, yr] = [f(x, w), ref(x, w)];
    expect(y.shape).toEqual([n, 2 * h, 2 * wd, cout]);
    expect(maxRel(y, yr)).toBeLessThan(1e-5);
    const [go, gr] = [g(f), g(ref)];
    expect(maxRel(go[0], gr[0])).toBeLessThan(1e-5);
    expect(maxRel(go[1], gr[1])).toBeLessThan(1e-5);
    tf.dispose([x, w, dy, y, yr, ...go, ...gr]);
    expect(tf.memory().numTensors).toBe(before);
  }

  it('names the kernel size or channel count it expected', () => {
    const x = tf.zeros([1, 2, 2, 3]) as tf.Tensor4D;
    expect(() => upsampleConv3x3(x, tf.zeros([1, 1, 3, 4]) as tf.Tensor4D)).toThrow(/3x3 kernel .*got 1x1/);
    expect(() => upsampleConv3x3(x, tf.zeros([3, 3, 5, 4]) as tf.Tensor4D)).toThrow(/3 channels but the kernel takes 5/);
  });
});
