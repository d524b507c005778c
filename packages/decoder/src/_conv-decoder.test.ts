import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, crossEntropyWithIgnore, initBackend } from '@ganseg/runtime';
import { expectArraysClose } from '@ganseg/test-util';
import { _convDecoderForward, _initConvDecoder } from './_conv-decoder.js';
import { _addBn, _bn, type _BnStats, type _Params } from './_layers.js';
import type { DecoderConfig } from './decoder-config.js';

type ConvConfig = Extract<DecoderConfig, { arch: 'conv' }>;
const config: ConvConfig = {
  arch: 'conv',
  levels: [
    { name: '4x4', res: 4, channels: 5 },
    { name: '8x8', res: 8, channels: 4 },
    { name: '16x16', res: 16, channels: 3 },
  ],
  widths: [6, 4, 4],
  numClasses: 3,
  dropout: 0.5,
  size: 16,
};
const rand = (seed: number, shape: [number, number, number, number]) => tf.tensor4d(createRng(seed).normalArray(shape.reduce((a, b) => a * b, 1)), shape);

describe('the conv decoder', () => {
  beforeAll(async () => {
    await initBackend();
  });

  for (const training of [true, false]) {
    it(`mirrored kernels give the mirror image of the logits of the mirrored maps (${training ? 'batch' : 'running'} BN statistics)`, () => {
      const p = _initConvDecoder(config, createRng(1));
      const maps = config.levels.map((l, i) => rand(10 + i, [2, l.res, l.res, l.channels]));
      const a = _convDecoderForward(p, config, maps, training, null, null, true);
      const flipped = maps.map((m) => tf.reverse(m, 2));
      const b = tf.reverse(_convDecoderForward(p, config, flipped, training, null, null, false), 2);
      const [u, v] = [a.dataSync(), b.dataSync()];
      expect(a.shape).toEqual([2, 16, 16, 3]);
      let maxAbs = 0;
      for (let i = 0; i < u.length; i++) maxAbs = Math.max(maxAbs, Math.abs(v[i]));
      expect(maxAbs).toBeGreaterThan(0.1); // not trivially zero
      expectArraysClose(u, v, 1e-4, 1e-4);
      // and the mirrored network is a different function of the same maps (the test can fail)
      const c = _convDecoderForward(p, config, maps, training, null, null, false).dataSync();
      expect(c.some((x, i) => Math.abs(x - u[i]) > 1e-3)).toBe(true);
      tf.dispose([a, b, ...maps, ...flipped, ...Object.values(p)]);
    });
  }

  for (const training of [true, false]) {
    it(`recomputing each level in backprop gives the same logits, gradients and BN statistics, and frees the intermediates (${training ? 'batch' : 'running'} BN)`, () => {
      const p = _initConvDecoder(config, createRng(2));
      const maps = config.levels.map((l, i) => rand(20 + i, [1, l.res, l.res, l.channels]));
      const labels = tf.tensor3d(Int32Array.from(createRng(5).uniformArray(256), (u) => Math.floor(u * 3)), [1, 16, 16], 'int32');
      const vars = Object.entries(p).filter(([n]) => !n.endsWith('/moving_mean') && !n.endsWith('/moving_var')).map(([, v]) => v);
      const run = (recompute: boolean) => {
        const stats: _BnStats = [];
        const before = tf.memory().numTensors;
        const { value, grads } = tf.variableGrads(() => {
          const logits = _convDecoderForward(p, config, maps, training, createRng(9), training ? stats : null, true, recompute);
          return crossEntropyWithIgnore(logits, labels);
        }, vars);
        const out = { loss: value.dataSync()[0], grads: vars.map((v) => grads[v.name].dataSync() as Float32Array), stats: stats.map((s) => [...s.mean.dataSync(), ...s.variance.dataSync()]) };
        tf.dispose([value, ...Object.values(grads), ...stats.flatMap((s) => [s.mean, s.variance])]);
        expect(tf.memory().numTensors).toBe(before);
        return out;
      };
      const plain = run(false);
      const ckpt = run(true);
      expect(Math.abs(plain.loss - ckpt.loss)).toBeLessThan(1e-6);
      expect(ckpt.stats.length).toBe(plain.stats.length);
      if (training) expect(plain.stats.length).toBeGreaterThan(0);
      plain.stats.forEach((a, k) => a.forEach((x, j) => expect(Math.abs(x - ckpt.stats[k][j])).toBeLessThan(1e-5 * (1 + Math.abs(x)))));
      let nonzero = 0;
      plain.grads.forEach((g, k) => {
        for (let j = 0; j < g.length; j++) {
          expect(Math.abs(g[j] - ckpt.grads[k][j])).toBeLessThan(1e-5 * (1 + Math.abs(g[j])));
          if (Math.abs(g[j]) > 1e-6) nonzero++;
        }
      });
      expect(nonzero).toBeGreaterThan(100);
      tf.dispose([labels, ...maps, ...Object.values(p)]);
    });
  }

  it('BN on running statistics equals tf.batchNorm', () => {
    const p: _Params = {};
    _addBn(p, 'bn', 3);
    p['bn/gamma'].assign(tf.tensor1d([0.5, 2, -1]));
    p['bn/beta'].assign(tf.tensor1d([0.1, 0, 3]));
    p['bn/moving_mean'].assign(tf.tensor1d([1, -2, 0.5]));
    p['bn/moving_var'].assign(tf.tensor1d([0.25, 4, 1]));
    const x = rand(3, [2, 4, 5, 3]);
    const ours = _bn(p, 'bn', x, false, null).dataSync();
    const ref = tf.batchNorm(x, p['bn/moving_mean'], p['bn/moving_var'], p['bn/beta'], p['bn/gamma'], 1e-5).dataSync();
    expectArraysClose(ours, ref, 1e-5, 1e-5);
    tf.dispose([x, ...Object.values(p)]);
  });
});
