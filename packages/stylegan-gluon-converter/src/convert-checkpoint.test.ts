import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { loadGenerator } from '@ganseg/stylegan';
import { CheckpointError } from '@ganseg/checkpoint-readers';
import { maxAbsDiff } from '@ganseg/test-util';
import { convertCheckpoint } from './convert-checkpoint.js';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { expected, fixture, referenceWeights } from './_test_fixtures.js';

const ref = referenceWeights();
let root: string;

beforeAll(async () => {
  await initBackend();
  root = mkdtempSync(path.join(tmpdir(), 'ganseg-convert-'));
});

describe('convertCheckpoint', () => {
  it('pkl -> tfjs: @ganseg/stylegan loadGenerator reads exactly the reference weights', async () => {
    const out = path.join(root, 'tfjs');
    const steps: string[] = [];
    const r = await convertCheckpoint(fixture('tiny-official.pkl'), out, { onProgress: (m) => steps.push(m) });
    expect(r).toMatchObject({ from: 'pkl', to: 'tfjs', weightCount: expected.reference.weights.length });
    expect(readdirSync(out).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    expect(steps.at(-1)).toBe('done');
    const gen = await loadGenerator(out);
    expect(gen.config).toEqual(expected.config);
    for (const [k, w] of Object.entries(ref)) expect(maxAbsDiff(gen.weights[k].dataSync(), w.data), k).toBe(0);
    gen.dispose();
    expect(readdirSync(root).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('pkl -> gluon -> tfjs round trip keeps the weights (fused kernels re-fused and undone)', async () => {
    const g = path.join(root, 'gluon');
    const r = await convertCheckpoint(fixture('tiny-official.pkl'), g, { to: 'gluon' });
    expect(r.files).toEqual(['generator.params', 'config.json']);
    const back = await readStyleGANCheckpoint(path.join(g, 'generator.params'));
    expect(back.config).toEqual(expected.config);
    for (const [k, w] of Object.entries(ref)) {
      if (/noise\d/.test(k)) continue;
      expect(maxAbsDiff(back.weights[k].data, w.data), k).toBeLessThan(2e-5 * Math.max(1, ...Array.from(w.data, Math.abs)));
    }
    // The same parameter names and shapes as the hand-made fixture in the paper's layout.
    const { readMxnetParams } = await import('@ganseg/checkpoint-readers');
    const mine = await readMxnetParams(path.join(g, 'generator.params'));
    const theirs = await readMxnetParams(fixture('tiny-gluon.params'));
    expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
    for (const k of Object.keys(theirs)) expect(mine[k].shape, k).toEqual(theirs[k].shape);
    const tfOut = path.join(root, 'from-gluon');
    expect((await convertCheckpoint(path.join(g, 'generator.params'), tfOut)).from).toBe('gluon');
  });

  it('a mixed nearest/fused Gluon file (fused from 16) round-trips', async () => {
    const ck = await readStyleGANCheckpoint(fixture('tiny-official.pkl'));
    const { writeGluonGenerator } = await import('./write-gluon-generator.js');
    const dir = path.join(root, 'mixed');
    const cfg = { ...ck.config, fusedScaleFrom: 16 };
    await writeGluonGenerator(dir, cfg, ck.weights);
    const { readMxnetParams } = await import('@ganseg/checkpoint-readers');
    const p = await readMxnetParams(path.join(dir, 'generator.params'));
    expect(p['net3.block0.weight'].shape).toEqual([16, 16, 3, 3]);
    expect(p['net4.block0.weight'].shape).toEqual([16, 8, 4, 4]);
    const back = await readStyleGANCheckpoint(path.join(dir, 'generator.params'));
    expect(back.config.fusedScaleFrom).toBe(16);
    for (const k of Object.keys(ref)) {
      if (/noise\d/.test(k)) continue;
      expect(maxAbsDiff(back.weights[k].data, ref[k].data), k).toBeLessThan(2e-5 * Math.max(1, ...Array.from(ref[k].data, Math.abs)));
    }
  });

  it('a failure leaves nothing behind; a non-empty output folder is refused', async () => {
    const bad = path.join(root, 'bad.pkl');
    const b = readFileSync(fixture('tiny-official.pkl'));
    writeFileSync(bad, b.subarray(0, b.length >> 1));
    const out = path.join(root, 'never');
    const before = readdirSync(root).sort();
    await expect(convertCheckpoint(bad, out)).rejects.toBeInstanceOf(CheckpointError);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).sort()).toEqual(before);
    const full = path.join(root, 'full');
    mkdirSync(full);
    writeFileSync(path.join(full, 'keep.txt'), 'x');
    await expect(convertCheckpoint(fixture('tiny-official.pkl'), full)).rejects.toMatchObject({ kind: 'io' });
    expect(readdirSync(full)).toEqual(['keep.txt']);
    await convertCheckpoint(fixture('tiny-official.pkl'), full, { overwrite: true });
    expect(readdirSync(full).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
  });

  it('repairs what a convert killed between its two renames left: the old output back, temps gone', async () => {
    const p = mkdtempSync(path.join(root, 'kill-'));
    const out = path.join(p, 'gen');
    // killed after `gen` was renamed aside and before the new folder was renamed in, plus an
    // unfinished temp folder of another killed convert
    mkdirSync(path.join(p, '.gen.tmp-1-a.old'));
    writeFileSync(path.join(p, '.gen.tmp-1-a.old', 'model.json'), 'old');
    mkdirSync(path.join(p, '.gen.tmp-1-a'));
    mkdirSync(path.join(p, '.gen.tmp-2-b'));
    await expect(convertCheckpoint(fixture('tiny-official.pkl'), out)).rejects.toMatchObject({ kind: 'io' }); // the old output is back, not empty
    expect(readdirSync(p)).toEqual(['gen']);
    expect(readFileSync(path.join(out, 'model.json'), 'utf8')).toBe('old');
    await convertCheckpoint(fixture('tiny-official.pkl'), out, { overwrite: true });
    expect(readdirSync(p)).toEqual(['gen']);
    expect(readdirSync(out).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await convertCheckpoint(fixture('tiny-gluon.params'), path.join(root, 'leak'));
    expect(tf.memory().numTensors).toBe(before);
  });
});
