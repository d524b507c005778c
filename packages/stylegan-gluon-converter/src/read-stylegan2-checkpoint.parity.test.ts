// Parity of the StyleGAN2 readers: the official StyleGAN2 TF pickle and the StyleGAN2-ADA PyTorch
// pickle (fixtures by tools/stylegan2-ref/write_checkpoints.py), read through the converter into
// @ganseg/stylegan's StyleGAN.fromWeights, reproduce the PyTorch reference
// (tools/stylegan2-ref/stylegan2_ref.py) within 1e-4: mapping, W+, every activation, the image
// with given and with the stored noise.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN } from '@ganseg/stylegan';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import type { CanonicalCheckpoint } from './_types.js';
import { maxAbsDiff } from '@ganseg/test-util';
import { fixture } from './_test_fixtures.js';

const TOL = 1e-4;

beforeAll(async () => {
  await initBackend();
});

interface Sg2Index {
  config: Record<string, unknown>;
  psi: number;
  cutoff: number;
  numNoise: number;
  activationNames: string[];
  files: Record<string, { file: string; shape: number[] }>;
}

function expectedOf(dir: string): { index: Sg2Index; tensor: <T extends tf.Tensor>(k: string) => T; data: (k: string) => Float32Array } {
  const d = fixture(path.join('sg2', dir));
  const index: Sg2Index = JSON.parse(readFileSync(path.join(d, 'expected.json'), 'utf8'));
  const data = (k: string): Float32Array => {
    const buf = readFileSync(path.join(d, index.files[k].file));
    const out = new Float32Array(buf.byteLength / 4);
    new Uint8Array(out.buffer).set(buf);
    return out;
  };
  return { index, data, tensor: <T extends tf.Tensor>(k: string) => tf.tensor(data(k), index.files[k].shape) as T };
}

describe.each([
  ['tiny-sg2-official.pkl', 'expected-tf'],
  ['tiny-sg2-ada.pkl', 'expected-ada'],
  ['tiny-sg2-ada-p3.pkl', 'expected-ada'],
])('%s -> StyleGAN.fromWeights', (name, exp) => {
  const ex = expectedOf(exp);
  let ck: CanonicalCheckpoint;
  let gen: StyleGAN;
  beforeAll(async () => {
    ck = await readStyleGANCheckpoint(fixture(`sg2/${name}`));
    const tensors: Record<string, tf.Tensor> = {};
    for (const [k, w] of Object.entries(ck.weights)) tensors[k] = tf.tensor(w.data, w.shape);
    gen = StyleGAN.fromWeights(ck.config, tensors, name);
    tf.dispose(Object.values(tensors));
  });

  it('the config is deduced exactly (architecture, widths, mapping, clamp)', () => {
    expect(ck.config).toEqual(ex.index.config);
  });

  it('mapping and truncation match the reference W+', () => {
    const z = ex.tensor<tf.Tensor2D>('z');
    const w = gen.mapping(z);
    const wp = gen.truncate(w, ex.index.psi, ex.index.cutoff);
    expect(maxAbsDiff(w.dataSync(), ex.data('w'))).toBeLessThan(TOL);
    expect(maxAbsDiff(wp.dataSync(), ex.data('wplus'))).toBeLessThan(TOL);
    tf.dispose([z, w, wp]);
  });

  it('synthesis: image and every activation within 1e-4; the stored noise buffers too', () => {
    const wplus = ex.tensor<tf.Tensor3D>('wplus');
    const noise = Array.from({ length: ex.index.numNoise }, (_, i) => ex.tensor<tf.Tensor4D>(`noise${i}`));
    const out = gen.synthesis(wplus, { noise, capture: ex.index.activationNames });
    for (const k of ex.index.activationNames) expect(maxAbsDiff(out.activations[k].dataSync(), ex.data(`act/${k}`)), k).toBeLessThan(TOL);
    const stored = gen.synthesis(wplus);
    expect(maxAbsDiff(stored.image.dataSync(), ex.data('image_stored_noise'))).toBeLessThan(TOL);
    tf.dispose([wplus, ...noise, out.image, ...Object.values(out.activations), stored.image]);
  });
});
