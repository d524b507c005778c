import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { Discriminator } from './discriminator.js';
import { discriminatorConfig } from './discriminator-spec.js';
import { r1Penalty } from './r1-penalty.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('r1Penalty', () => {
  it('is the squared input-gradient norm (checked by finite differences), and its weight gradient is right (double backprop)', () => {
    const D = Discriminator.random(discriminatorConfig({ resolution: 8, fmapBase: 16, fmapMax: 8 }), 7);
    const x = tf.randomUniform([4, 8, 8, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
    const { penalty, scores } = r1Penalty(D, x);
    expect(penalty.shape).toEqual([4]);
    expect(scores.shape).toEqual([4, 1]);
    // directional derivative of sum D along the gradient direction equals ||g||^2 summed
    const g = tf.grad((t: tf.Tensor) => tf.sum(D.scores(t as tf.Tensor4D)))(x);
    const eps = 1e-2;
    const f = (t: tf.Tensor) => tf.sum(D.scores(t as tf.Tensor4D)).dataSync()[0];
    const fd = (f(tf.add(x, tf.mul(g, eps))) - f(tf.sub(x, tf.mul(g, eps)))) / (2 * eps);
    const total = tf.sum(penalty).dataSync()[0];
    expect(Math.abs(fd - total) / total).toBeLessThan(0.03);
    // d(mean penalty)/d(Dense1 weights) against central differences (the penalty is quadratic in
    // them, so central differences are exact up to float rounding)
    const v = D.weights['4x4/Dense1/weight'];
    const grads = tf.variableGrads(() => {
      const r = r1Penalty(D, x);
      const m = tf.mean(r.penalty) as tf.Scalar;
      r.scores.dispose();
      return m;
    }, [v]).grads;
    const analytic = grads[v.name].dataSync();
    const base = v.dataSync().slice();
    const pen = () => {
      const r = r1Penalty(D, x);
      const m = tf.mean(r.penalty).dataSync()[0];
      tf.dispose([r.penalty, r.scores]);
      return m;
    };
    let checked = 0;
    const order = Array.from(analytic.keys()).sort((p, q) => Math.abs(analytic[q]) - Math.abs(analytic[p]));
    for (const i of order.slice(0, 3)) {
      expect(Math.abs(analytic[i])).toBeGreaterThan(0);
      const h = 0.05;
      const plus = base.slice(); plus[i] += h; v.assign(tf.tensor(plus, v.shape));
      const p1 = pen();
      const minus = base.slice(); minus[i] -= h; v.assign(tf.tensor(minus, v.shape));
      const p0 = pen();
      v.assign(tf.tensor(base, v.shape));
      const num = (p1 - p0) / (2 * h);
      expect(Math.abs(num - analytic[i])).toBeLessThan(0.03 * Math.abs(analytic[i]));
      checked++;
    }
    expect(checked).toBe(3);
    D.dispose();
  });
});
