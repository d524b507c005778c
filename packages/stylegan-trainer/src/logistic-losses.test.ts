import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { logisticLoss } from './logistic-losses.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const softplus = (x: number) => Math.log1p(Math.exp(x));

describe('logisticLoss', () => {
  it('is the non-saturating logistic loss of official loss.py', () => {
    const fake = tf.tensor2d([[-1], [0.5], [2]]);
    const real = tf.tensor2d([[1.5], [-0.2], [0]]);
    expect(logisticLoss(fake).dataSync()[0]).toBeCloseTo((softplus(1) + softplus(-0.5) + softplus(-2)) / 3, 6);
    expect(logisticLoss(fake, real).dataSync()[0]).toBeCloseTo(
      (softplus(-1) + softplus(0.5) + softplus(2)) / 3 + (softplus(-1.5) + softplus(0.2) + softplus(0)) / 3, 6);
  });
});

