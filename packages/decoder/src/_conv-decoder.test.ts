import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, initBackend } from '@ganseg/runtime';
import { _convDecoderForward, _initConvDecoder } from './_conv-decoder.js';
import { _addBn, _bn, type _Params } from './_layers.js';
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
      for (let i = 0; i < u.length; i++) expect(Math.abs(u[i] - v[i])).toBeLessThan(1e-4 * (1 + Math.abs(v[i])));
      // and the mirrored network is a different function of the same maps (the test can fail)
      const c = _convDecoderForward(p, config, maps, training, null, null, false).dataSync();
      expect(c.some((x, i) => Math.abs(x - u[i]) > 1e-3)).toBe(true);
      tf.dispose([a, b, ...maps, ...flipped, ...Object.values(p)]);
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
    for (let i = 0; i < ref.length; i++) expect(Math.abs(ours[i] - ref[i])).toBeLessThan(1e-5 * (1 + Math.abs(ref[i])));
    tf.dispose([x, ...Object.values(p)]);
  });
});
