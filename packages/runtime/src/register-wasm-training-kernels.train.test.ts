import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { maxRelDiff } from '@ganseg/test-util';
import { initBackend } from './init-backend.js';
import { createRng } from './create-rng.js';

// A small segmentation net through every op family the registered kernels serve: conv (strided
// and dilated), batch norm from moments, leakyRelu, depthwise (strided), max and avg pooling,
// conv2dTranspose (the StyleGAN fused upscale), bilinear resize, 1x1 conv, softmax cross-entropy.
const SHAPES: Record<string, number[]> = {
  c1: [3, 3, 3, 8],
  gamma: [8],
  beta: [8],
  dw: [3, 3, 8, 1],
  c2: [3, 3, 8, 8],
  up: [4, 4, 8, 8],
  head: [1, 1, 8, 3],
};
const NAMES = Object.keys(SHAPES);
const LR = 0.1;

function net(x: tf.Tensor4D, p: tf.Tensor[]): tf.Tensor4D {
  const [c1, gamma, beta, dw, c2, up, head] = p as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor4D, tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  let h = tf.conv2d(x, c1, 1, 'same'); // 16x16x8
  const { mean, variance } = tf.moments(h, [0, 1, 2]);
  h = tf.leakyRelu(tf.batchNorm(h, mean, variance, beta, gamma, 1e-3), 0.2) as tf.Tensor4D;
  h = tf.depthwiseConv2d(h, dw, 2, 'same'); // 8x8
  h = tf.leakyRelu(tf.conv2d(h, c2, 1, 'same', 'NHWC', 2), 0.2); // dilated
  h = tf.maxPool(h, 2, 2, 'valid'); // 4x4
  h = tf.conv2dTranspose(h, up, [h.shape[0], 8, 8, 8], 2, 'same'); // 8x8
  h = tf.image.resizeBilinear(h, [16, 16], false);
  h = tf.avgPool(h, 3, 1, 'same');
  return tf.conv2d(h, head, 1, 'valid'); // logits 16x16x3
}

function lossOf(x: tf.Tensor4D, labels: tf.Tensor, p: tf.Tensor[]): tf.Scalar {
  const logits = tf.reshape(net(x, p), [-1, 3]);
  return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
}

/** Inputs and labels: the class of a pixel is which input channel is largest after a blur. */
function problem(): { x: Float32Array; labels: Float32Array; params: Float32Array[] } {
  const r = createRng(2024);
  const x = r.normalArray(4 * 16 * 16 * 3);
  const labels = new Float32Array(4 * 16 * 16 * 3);
  for (let n = 0; n < 4; n++)
    for (let i = 0; i < 16; i++)
      for (let j = 0; j < 16; j++) {
        const s = [0, 0, 0];
        for (let di = -1; di <= 1; di++)
          for (let dj = -1; dj <= 1; dj++) {
            const y = Math.min(15, Math.max(0, i + di));
            const z = Math.min(15, Math.max(0, j + dj));
            for (let c = 0; c < 3; c++) s[c] += x[((n * 16 + y) * 16 + z) * 3 + c];
          }
        labels[((n * 16 + i) * 16 + j) * 3 + s.indexOf(Math.max(...s))] = 1;
      }
  const params = NAMES.map((k) => {
    const size = SHAPES[k].reduce((a, b) => a * b, 1);
    if (k === 'gamma') return new Float32Array(size).fill(1);
    if (k === 'beta') return new Float32Array(size);
    const fanIn = SHAPES[k].slice(0, 3).reduce((a, b) => a * b, 1) / (k === 'dw' ? 8 : 1);
    return r.normalArray(size).map((v) => v * Math.sqrt(2 / fanIn));
  });
  return { x, labels, params };
}

async function gradsOn(backend: string): Promise<{ loss: number; grads: Float32Array[] }> {
  await tf.setBackend(backend);
  const d = problem();
  const x = tf.tensor4d(d.x, [4, 16, 16, 3]);
  const labels = tf.tensor2d(d.labels, [4 * 256, 3]);
  const p = NAMES.map((k, i) => tf.tensor(d.params[i], SHAPES[k]));
  const { value, grads } = tf.valueAndGrads((...q: tf.Tensor[]) => lossOf(x, labels, q))(p);
  const out = { loss: value.dataSync()[0], grads: grads.map((g) => g.dataSync() as Float32Array) };
  tf.dispose([x, labels, value, ...p, ...grads]);
  return out;
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('a small conv net on wasm', () => {
  it('has the same loss and gradients as on cpu (max relative error 1e-4)', async () => {
    const w = await gradsOn('wasm');
    const c = await gradsOn('cpu');
    await tf.setBackend('wasm');
    expect(maxRelDiff([w.loss], [c.loss])).toBeLessThan(1e-4);
    NAMES.forEach((name, i) => {
      expect(c.grads[i].some((v) => v !== 0), name).toBe(true);
      expect(maxRelDiff(w.grads[i], c.grads[i]), name).toBeLessThan(1e-4);
    });
  });

  it('trains: SGD (momentum 0.9) for 20 steps lowers the loss, and no tensors leak', async () => {
    await tf.setBackend('wasm');
    const d = problem();
    const x = tf.tensor4d(d.x, [4, 16, 16, 3]);
    const labels = tf.tensor2d(d.labels, [4 * 256, 3]);
    let p = NAMES.map((k, i) => tf.tensor(d.params[i], SHAPES[k]));
    let vel = p.map((v) => tf.zerosLike(v));
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    for (let step = 0; step < 20; step++) {
      const { value, grads } = tf.valueAndGrads((...q: tf.Tensor[]) => lossOf(x, labels, q))(p);
      losses.push(value.dataSync()[0]);
      const nextVel = tf.tidy(() => vel.map((m, i) => tf.add(tf.mul(m, 0.9), grads[i])));
      const next = tf.tidy(() => p.map((v, i) => tf.sub(v, tf.mul(nextVel[i], LR))));
      tf.dispose([value, ...grads, ...p, ...vel]);
      p = next;
      vel = nextVel;
      expect(tf.memory().numTensors).toBe(before);
    }
    tf.dispose([x, labels, ...p, ...vel]);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[10]).toBeLessThan(losses[0]);
    expect(losses[19]).toBeLessThan(0.8 * losses[0]);
  });
});
