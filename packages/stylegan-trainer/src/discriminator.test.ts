import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@ganseg/test-util';
import { Discriminator, _lrelu, _minibatchStddev } from './discriminator.js';
import { discriminatorConfig } from './discriminator-spec.js';
import { logisticLoss } from './logistic-losses.js';
import { _data } from './_test_util.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('Discriminator', () => {
  const cfg = discriminatorConfig({ resolution: 16, fmapBase: 64, fmapMax: 32 });

  it('scores a batch, is seeded, and frees what it makes', () => {
    const D = Discriminator.random(cfg, 3);
    const D2 = Discriminator.random(cfg, 3);
    const x = tf.randomUniform([4, 16, 16, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
    D.scores(x).dispose();
    const before = tf.memory().numTensors;
    const s = D.scores(x);
    expect(s.shape).toEqual([4, 1]);
    expectArraysClose(_data(s), _data(D2.scores(x)), 0);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before + 1); // D2's scores only
    expect(() => D.scores(tf.zeros([4, 8, 8, 3]) as tf.Tensor4D)).toThrow(/\[N, 16, 16, 3\]/);
    D.dispose();
    D2.dispose();
  });

  it('scores a pair of batches in one pass as two calls would, values and gradients (minibatch stddev groups kept apart)', () => {
    for (const [n, group] of [[8, 4], [4, 4], [2, 4], [3, 1]] as const) {
      const D = Discriminator.random(discriminatorConfig({ resolution: 16, fmapBase: 64, fmapMax: 32, mbstdGroupSize: group }), 7);
      const a = tf.randomUniform([n, 16, 16, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
      const b = tf.randomUniform([n, 16, 16, 3], -1, 1, 'float32', 4) as tf.Tensor4D;
      const before = tf.memory().numTensors;
      const [sa, sb] = D.scoresPair(a, b);
      expect(tf.memory().numTensors).toBe(before + 2);
      expect(sa.shape).toEqual([n, 1]);
      expectArraysClose(_data(sa), _data(D.scores(a)), 1e-5);
      expectArraysClose(_data(sb), _data(D.scores(b)), 1e-5);
      // the D step's loss: gradients with respect to D's weights and both batches
      const loss = (pair: boolean) => (x: tf.Tensor, y: tf.Tensor) => {
        const [f, r] = pair ? D.scoresPair(x as tf.Tensor4D, y as tf.Tensor4D) : [D.scores(x as tf.Tensor4D), D.scores(y as tf.Tensor4D)];
        return logisticLoss(f, r);
      };
      const [ga, gb] = tf.grads(loss(true))([a, b]);
      const [ra, rb] = tf.grads(loss(false))([a, b]);
      expectArraysClose(_data(ga), _data(ra), 1e-5);
      expectArraysClose(_data(gb), _data(rb), 1e-5);
      const w = Object.values(D.weights);
      const gw = tf.variableGrads(() => loss(true)(a, b), w).grads;
      const rw = tf.variableGrads(() => loss(false)(a, b), w).grads;
      for (const v of w) expectArraysClose(_data(gw[v.name]), _data(rw[v.name]), 1e-4);
      D.dispose();
    }
    const D = Discriminator.random(cfg, 3);
    expect(() => D.scoresPair(tf.zeros([2, 16, 16, 3]) as tf.Tensor4D, tf.zeros([4, 16, 16, 3]) as tf.Tensor4D)).toThrow(/one shape/);
    D.dispose();
  });

  it('its fused downscale equals conv 3x3 + 2x2 average pooling (official equivalence)', () => {
    const x = tf.randomNormal([2, 8, 8, 5], 0, 1, 'float32', 2) as tf.Tensor4D;
    // the D's Conv1_down path against conv + avgPool, through a 1-block network's pieces
    const D = Discriminator.random(discriminatorConfig({ resolution: 8, fmapBase: 16, fmapMax: 8, mbstdGroupSize: 1 }), 5);
    const w = D.weights['8x8/Conv1_down/weight'];
    const scaled = tf.mul(w, Math.SQRT2 / Math.sqrt(9 * w.shape[2]!)) as tf.Tensor4D;
    const ref = tf.avgPool(tf.conv2d(tf.slice(x, [0, 0, 0, 0], [-1, -1, -1, w.shape[2]!]) as tf.Tensor4D, scaled, 1, 'same'), 2, 2, 'valid');
    // run the fused path by hand the way scores() builds it
    const wp = tf.pad(scaled, [[1, 1], [1, 1], [0, 0], [0, 0]]);
    const k4 = tf.mul(tf.addN([tf.slice(wp, [1, 1, 0, 0], [4, 4, -1, -1]), tf.slice(wp, [0, 1, 0, 0], [4, 4, -1, -1]), tf.slice(wp, [1, 0, 0, 0], [4, 4, -1, -1]), tf.slice(wp, [0, 0, 0, 0], [4, 4, -1, -1])]), 0.25) as tf.Tensor4D;
    const fused = tf.conv2d(tf.slice(x, [0, 0, 0, 0], [-1, -1, -1, w.shape[2]!]) as tf.Tensor4D, k4, 2, 'same');
    expectArraysClose(_data(fused), _data(ref), 1e-5);
    D.dispose();
  });

  it('lrelu is leaky ReLU 0.2; minibatch stddev matches a direct computation', () => {
    const x = tf.tensor1d([-2, -0.5, 0, 0.3, 4]);
    expectArraysClose(_data(_lrelu(x)), _data(tf.leakyRelu(x, 0.2)), 1e-7);
    const N = 4, H = 2, W = 3, C = 2, G = 2, M = N / G;
    const v = tf.randomNormal([N, H, W, C], 0, 1, 'float32', 4) as tf.Tensor4D;
    const out = _minibatchStddev(v, 4, 1); // group 4 > batch? no: min(4, N) = 4
    expect(out.shape).toEqual([N, H, W, C + 1]);
    const a = _data(v);
    // group size 4 = N: one group, the std over all 4 samples, averaged over H, W, C
    let s = 0;
    for (let p = 0; p < H * W * C; p++) {
      let m = 0;
      for (let n = 0; n < N; n++) m += a[n * H * W * C + p] / N;
      let q = 0;
      for (let n = 0; n < N; n++) q += (a[n * H * W * C + p] - m) ** 2 / N;
      s += Math.sqrt(q + 1e-8) / (H * W * C);
    }
    const o = _data(out);
    for (let n = 0; n < N; n++) expect(o[(n * H * W) * (C + 1) + C]).toBeCloseTo(s, 5);
    // group size 2: sample n belongs to group slot n % M
    const o2 = _data(_minibatchStddev(v, G, 1));
    for (let m = 0; m < M; m++) {
      let s2 = 0;
      for (let p = 0; p < H * W * C; p++) {
        const x0 = a[m * H * W * C + p];
        const x1 = a[(m + M) * H * W * C + p];
        s2 += Math.sqrt(((x0 - x1) / 2) ** 2 + 1e-8) / (H * W * C);
      }
      expect(o2[(m * H * W) * (C + 1) + C]).toBeCloseTo(s2, 5);
      expect(o2[((m + M) * H * W) * (C + 1) + C]).toBeCloseTo(s2, 5);
    }
  });
});

describe('Discriminator against the NumPy reference (fixtures/make_d_fixture.py)', () => {
  it('gives the scores of official D_basic written in NCHW with the non-fused downscale', () => {
    const fx = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'd_basic_16.json'), 'utf8'));
    const cfg = discriminatorConfig({ resolution: fx.config.resolution, fmapBase: fx.config.fmapBase, fmapMax: fx.config.fmapMax, mbstdGroupSize: fx.config.mbstdGroupSize });
    const values: Record<string, tf.Tensor> = {};
    for (const [k, v] of Object.entries(fx.weights as Record<string, { shape: number[]; data: number[] }>)) values[k] = tf.tensor(v.data, v.shape);
    const D = Discriminator.fromWeights(cfg, values);
    const x = tf.tensor4d(fx.images.data, fx.images.shape);
    expectArraysClose(_data(D.scores(x)), fx.scores, 1e-4, 1e-4);
    D.dispose();
  });
});
