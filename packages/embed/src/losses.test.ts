import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, initBackend } from '@ganseg/runtime';
import { imageGradientLoss } from './image-gradient-loss.js';
import { noiseRegularization } from './noise-regularization.js';
import { normalizeNoise } from './normalize-noise.js';
import { learningRateRamp } from './learning-rate-ramp.js';
import { psnr } from './psnr.js';

beforeAll(async () => {
  await initBackend();
});

const rand = (shape: [number, number, number, number], seed: number) => tf.tensor4d(createRng(seed).normalArray(shape.reduce((a, b) => a * b)), shape);

describe('embedding losses and schedule', () => {
  it('image-gradient loss is zero for equal images, blind to a constant shift, and positive otherwise', () => {
    const a = rand([1, 16, 16, 3], 1);
    const b = rand([1, 16, 16, 3], 2);
    expect(imageGradientLoss(a, a).dataSync()[0]).toBe(0);
    const shifted = tf.add(a, 0.5) as tf.Tensor4D;
    expect(imageGradientLoss(a, shifted).dataSync()[0]).toBeLessThan(1e-10);
    expect(imageGradientLoss(a, b).dataSync()[0]).toBeGreaterThan(0.1);
    // hand check at one scale: a horizontal ramp against a flat image
    const ramp = tf.tensor4d([0, 1, 2, 0, 1, 2], [1, 2, 3, 1]);
    const flat = tf.zeros([1, 2, 3, 1]) as tf.Tensor4D;
    expect(imageGradientLoss(ramp, flat, 1).dataSync()[0]).toBeCloseTo(1, 6);
  });

  it('noise regulariser is larger for smooth maps than for white noise; normalisation gives mean 0, var 1', () => {
    const white = rand([1, 32, 32, 1], 3);
    const smooth = tf.tidy(() => tf.avgPool(rand([1, 35, 35, 1], 4), 4, 1, 'valid')) as tf.Tensor4D;
    const v = tf.variable(tf.mul(smooth, 3));
    normalizeNoise([v]);
    const { mean, variance } = tf.moments(v);
    expect(Math.abs(mean.dataSync()[0])).toBeLessThan(1e-5);
    expect(Math.abs(variance.dataSync()[0] - 1)).toBeLessThan(1e-3);
    expect(noiseRegularization([v as unknown as tf.Tensor4D]).dataSync()[0]).toBeGreaterThan(10 * noiseRegularization([white]).dataSync()[0]);
  });

  it('learning rate warms up, stays flat, ramps down to zero', () => {
    const lr = (t: number) => learningRateRamp(t, 1000, { lr: 0.1 });
    expect(lr(0)).toBeLessThan(0.01);
    expect(lr(500)).toBeCloseTo(0.1, 10);
    expect(lr(900)).toBeLessThan(0.1);
    expect(lr(999)).toBeCloseTo(0, 10);
  });

  it('psnr of images in [-1, 1]', () => {
    const a = tf.zeros([1, 4, 4, 3]);
    const b = tf.fill([1, 4, 4, 3], 0.02);
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10(4 / 0.0004), 4);
    expect(psnr(a, a)).toBe(Infinity);
  });
});
