import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { captureFeatures } from './capture-features.js';
import { _FakeGenerator } from './_test_fake-generator.js';

let gen: _FakeGenerator;
beforeAll(async () => {
  await initBackend();
  gen = new _FakeGenerator({ resolution: 32 }, 1);
});
afterAll(() => gen.dispose());

describe('captureFeatures', () => {
  it('returns native maps equal to the synthesis activations, and bilinear maps concatenated', () => {
    const before = tf.memory().numTensors;
    const wplus = tf.tidy(() => gen.truncate(gen.mapping(tf.randomNormal([2, 32], 0, 1, 'float32', 3)), 0.7));
    const nat = captureFeatures(gen, wplus, {});
    expect(nat.maps.map((m) => m.shape)).toEqual([[2, 4, 4, 32], [2, 8, 8, 16], [2, 16, 16, 8], [2, 32, 32, 4]]);
    const ref = gen.synthesis(wplus, { capture: ['16x16'] });
    expect(Array.from(nat.maps[2].dataSync())).toEqual(Array.from(ref.activations['16x16'].dataSync()));
    const bil = captureFeatures(gen, wplus, { layers: ['8x8', '32x32'], resize: 'bilinear', size: 32 });
    expect(bil.maps.length).toBe(1);
    expect(bil.maps[0].shape).toEqual([2, 32, 32, 20]);
    // the last 4 channels are the 32x32 block unchanged
    const last = tf.slice(bil.maps[0], [0, 0, 0, 16], [-1, -1, -1, 4]);
    expect(Array.from(last.dataSync())).toEqual(Array.from(nat.maps[3].dataSync()));
    tf.dispose([wplus, nat.image, ...nat.maps, ref.image, ...Object.values(ref.activations), bil.image, ...bil.maps, last]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
