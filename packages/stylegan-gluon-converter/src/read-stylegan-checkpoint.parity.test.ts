// Parity: each checkpoint format, read through the converter into @ganseg/stylegan's
// StyleGAN.fromWeights, reproduces the NumPy reference (tools/stylegan-ref/stylegan_ref.py)
// images and activations within 1e-4 max abs error.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN } from '@ganseg/stylegan';
import { maxAbsDiff } from '@ganseg/test-util';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { expected, expectedArray, fixture } from './_test_fixtures.js';

const TOL = 1e-4;

beforeAll(async () => {
  await initBackend();
});

describe.each(['tiny-official.pkl', 'tiny-official-p2.pkl', 'tiny-gluon.params', 'tiny-gluon-prefixed.params'])('%s -> StyleGAN.fromWeights', (name) => {
  let gen: StyleGAN;
  beforeAll(async () => {
    const ck = await readStyleGANCheckpoint(fixture(name));
    const tensors: Record<string, tf.Tensor> = {};
    for (const [k, w] of Object.entries(ck.weights)) tensors[k] = tf.tensor(w.data, w.shape);
    gen = StyleGAN.fromWeights(ck.config, tensors, name);
    tf.dispose(Object.values(tensors));
  });

  it('mapping + truncation match the reference W+', () => {
    const before = tf.memory().numTensors;
    const z = expectedArray('z');
    const { data, shape } = tf.tidy(() => {
      const w = gen.mapping(tf.tensor2d(z.data, z.shape as [number, number]));
      const wp = gen.truncate(w, expected.psi, expected.cutoff);
      return { data: wp, shape: wp.shape };
    }) as unknown as { data: tf.Tensor; shape: number[] };
    const got = data.dataSync();
    expect(shape).toEqual(expectedArray('wplus').shape);
    expect(maxAbsDiff(got, expectedArray('wplus').data)).toBeLessThan(TOL);
    data.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('synthesis: image and every activation within 1e-4 of the reference', () => {
    const wp = expectedArray('wplus');
    const wplus = tf.tensor3d(wp.data, wp.shape as [number, number, number]);
    const noise = Array.from({ length: expected.numLayers }, (_, i) => {
      const a = expectedArray(`noise${i}`);
      return tf.tensor4d(a.data, a.shape as [number, number, number, number]);
    });
    const out = gen.synthesis(wplus, { noise, capture: expected.activationNames.filter((n) => n !== 'image') });
    expect(maxAbsDiff(out.image.dataSync(), expectedArray('image').data)).toBeLessThan(TOL);
    for (const k of expected.activationNames.filter((n) => n !== 'image')) {
      const d = maxAbsDiff(out.activations[k].dataSync(), expectedArray(`act/${k}`).data);
      expect(d, k).toBeLessThan(TOL);

    }
    tf.dispose([wplus, ...noise, out.image, ...Object.values(out.activations)]);
  });

  it.runIf(name.endsWith('.pkl'))('the stored noise buffers of the pickle give the reference image', () => {
    const wp = expectedArray('wplus');
    const wplus = tf.tensor3d(wp.data, wp.shape as [number, number, number]);
    const out = gen.synthesis(wplus);
    expect(maxAbsDiff(out.image.dataSync(), expectedArray('image_stored_noise').data)).toBeLessThan(TOL);
    tf.dispose([wplus, out.image, ...Object.values(out.activations)]);
  });
});
