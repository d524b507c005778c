// `convertCheckpoint` on StyleGAN2 inputs: detected by content, described in one line, written in
// the tfjs layout that @ganseg/stylegan's loadGenerator reads back as a StyleGAN2 generator.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { loadGenerator } from '@ganseg/stylegan';
import { convertCheckpoint } from './convert-checkpoint.js';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { maxAbsDiff } from '@ganseg/test-util';
import { fixture } from './_test_fixtures.js';

let root: string;
beforeAll(async () => {
  await initBackend();
  root = mkdtempSync(path.join(tmpdir(), 'ganseg-sg2-convert-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('convertCheckpoint on StyleGAN2 checkpoints', () => {
  it.each([
    ['tiny-sg2-official.pkl', /^official StyleGAN2 TensorFlow pickle .*: StyleGAN2 \(skip\), 32x32, widths 16\.\.4 \(fmap_base 64, max 16\), mapping 3 x 16 \(z 12 -> w 16, lrmul 0\.01\), w_avg mean \S+ rms \S+$/],
    ['tiny-sg2-ada.pkl', /^StyleGAN2-ADA PyTorch pickle \(G_ema, training\.networks\.Generator\): StyleGAN2 \(skip\), 32x32, widths 16\.\.4 .*, conv clamp 1\.5$/],
  ])('%s: says what it found, and loadGenerator reads the output back with the same weights', async (name, found) => {
    const out = path.join(root, name);
    const progress: string[] = [];
    const r = await convertCheckpoint(fixture(`sg2/${name}`), out, { onProgress: (m) => progress.push(m) });
    expect(r.from).toBe('pkl');
    expect(r.found).toMatch(found);
    expect(progress).toContain(`found ${r.found}`);
    const gen = await loadGenerator(out);
    expect(gen.config.architecture).toBe('stylegan2');
    const ck = await readStyleGANCheckpoint(fixture(`sg2/${name}`));
    for (const [k, w] of Object.entries(ck.weights)) expect(maxAbsDiff(gen.weights[k].dataSync(), w.data), k).toBe(0);
    expect(Object.keys(gen.weights).length).toBe(r.weightCount);
    gen.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });

  it('refuses --to gluon for a StyleGAN2 generator, leaving no output', async () => {
    const out = path.join(root, 'gluon-out');
    await expect(convertCheckpoint(fixture('sg2/tiny-sg2-official.pkl'), out, { to: 'gluon' })).rejects.toMatchObject({ kind: 'bad-value', key: 'to', message: /StyleGAN2.*tfjs/ });
    expect(existsSync(out)).toBe(false);
  });
});
