import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { expectArraysClose } from '@ganseg/test-util';
import { blur2d } from './blur-2d.js';

// The reference: the blur written out as a dense conv2d with a block-diagonal [3, 3, C, C] filter
// (each channel blurred by [1,2,1] x [1,2,1] / 16, SAME, zero padding), differentiated by tfjs's
// own conv2d gradients; blur2d is a depthwise convolution with its own (custom) gradient.
function denseBlur(x: tf.Tensor4D): tf.Tensor4D {
  const c = x.shape[3];
  const f = [1, 2, 1, 2, 4, 2, 1, 2, 1];
  const data = new Float32Array(9 * c * c);
  for (let t = 0; t < 9; t++) for (let i = 0; i < c; i++) data[(t * c + i) * c + i] = f[t] / 16;
  return tf.conv2d(x, tf.tensor4d(data, [3, 3, c, c]), 1, 'same');
}

describe.each(['wasm', 'cpu'])('blur2d (%s)', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend: backend as 'wasm' | 'cpu' });
  });

  it('blurs each channel by [1,2,1] x [1,2,1] / 16 with zero padding, plus the bias', () => {
    tf.tidy(() => {
      const ones = blur2d(tf.ones([1, 4, 4, 2]) as tf.Tensor4D);
      const d = ones.arraySync()[0];
      expect(d[1][1][0]).toBeCloseTo(1, 6);
      expect(d[0][1][1]).toBeCloseTo(0.75, 6);
      expect(d[0][0][0]).toBeCloseTo(0.5625, 6);
      const x = tf.randomNormal([2, 7, 5, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
      const b = tf.tensor1d([0.5, -1, 2]);
      expectArraysClose(blur2d(x).dataSync() as Float32Array, denseBlur(x).dataSync() as Float32Array, 1e-5);
      expectArraysClose(blur2d(x, b).dataSync() as Float32Array, tf.add(denseBlur(x), b).dataSync() as Float32Array, 1e-5);
    });
  });

  it('has the dense blur\'s first derivatives (x and bias) and second derivatives (the R1 penalty\'s double backprop)', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
      const b = tf.tensor1d([0.1, 0.2, -0.3]);
      const w = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 3);
      const w2 = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 4);
      // first order: loss = sum(tanh(blur(x) + b) * w), with respect to x and b
      const loss = (blur: (t: tf.Tensor4D) => tf.Tensor4D) => (a: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(tf.tanh(tf.add(blur(a as tf.Tensor4D), c)), w)) as tf.Scalar;
      const [gx, gb] = tf.grads(loss((t) => blur2d(t)))([x, b]);
      const [rx, rb] = tf.grads(loss(denseBlur))([x, b]);
      expectArraysClose(gx.dataSync() as Float32Array, rx.dataSync() as Float32Array, 1e-5);
      expectArraysClose(gb.dataSync() as Float32Array, rb.dataSync() as Float32Array, 1e-5);
      const withBias = (a: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(tf.tanh(blur2d(a as tf.Tensor4D, c as tf.Tensor1D)), w)) as tf.Scalar;
      const [hx, hb] = tf.grads(withBias)([x, b]);
      expectArraysClose(hx.dataSync() as Float32Array, rx.dataSync() as Float32Array, 1e-5);
      expectArraysClose(hb.dataSync() as Float32Array, rb.dataSync() as Float32Array, 1e-5);
      // second order: the gradient of sum((d loss / d x)^2 * w2) with respect to x (sin, not tanh:
      // tfjs's tanh saves its output, which a second-order gradient cannot reach)
      const penalty = (blur: (t: tf.Tensor4D) => tf.Tensor4D) => (a: tf.Tensor) => {
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.sin(blur(t as tf.Tensor4D)), w)))(a);
        return tf.sum(tf.mul(tf.square(g), w2)) as tf.Scalar;
      };
      const got = tf.grad(penalty((t) => blur2d(t)))(x);
      const want = tf.grad(penalty(denseBlur))(x);
      expect(tf.max(tf.abs(want)).dataSync()[0]).toBeGreaterThan(1e-3); // a non-trivial second derivative
      expectArraysClose(got.dataSync() as Float32Array, want.dataSync() as Float32Array, 1e-4);
    });
  });

  it('checks its arguments and leaks no tensors', () => {
    expect(() => blur2d(tf.zeros([4, 4, 2]) as unknown as tf.Tensor4D)).toThrow(/NHWC/);
    expect(() => blur2d(tf.zeros([1, 4, 4, 2]) as tf.Tensor4D, tf.zeros([3]) as tf.Tensor1D)).toThrow(/bias must be \[2\]/);
    const x = tf.randomNormal([1, 5, 5, 4]) as tf.Tensor4D;
    const b = tf.zeros([4]) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    blur2d(x, b).dispose();
    blur2d(x).dispose();
    tf.grads((a: tf.Tensor, c: tf.Tensor) => tf.sum(blur2d(a as tf.Tensor4D, c as tf.Tensor1D)) as tf.Scalar)([x, b]).forEach((t) => t.dispose());
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, b]);
  });
});
