import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { loadGenerator, noiseFromSeed, StyleGAN, createConfig } from '@ganseg/stylegan';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose, maxAbsDiff } from '@ganseg/test-util';
import { trainStyleGAN, TrainImagesError } from './train-style-gan.js';
import type { TrainProgress } from './train-style-gan.js';
import { _TINY } from './_test_util.js';
import { _loadCheckpoint } from './_checkpoint.js';
import { _oldSaveCheckpoint } from './_test_first-format.js';
import { Discriminator } from './discriminator.js';
import { discriminatorConfig } from './discriminator-spec.js';
import { logisticLoss } from './logistic-losses.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const R = _TINY.resolution;
const images = Array.from({ length: 12 }, (_, i) => {
  const a = new Uint8Array(R * R * 3);
  for (let j = 0; j < a.length; j++) a[j] = (i * 41 + j * 7) % 256;
  return a;
});

function weightsOf(g: StyleGAN): Record<string, Float32Array> {
  const o: Record<string, Float32Array> = {};
  for (const [n, t] of Object.entries(g.weights)) o[n] = t.dataSync() as Float32Array;
  return o;
}

describe('trainStyleGAN', () => {
  it('runs steps with finite losses, moves the EMA generator, frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const seen: TrainProgress[] = [];
    const { generator, step } = await trainStyleGAN({ images, config: _TINY, steps: 3, batch: 4, seed: 1, onProgress: (p) => seen.push(p) });
    expect(step).toBe(3);
    expect(seen.map((p) => p.step)).toEqual([1, 2, 3]);
    for (const p of seen) {
      expect(Number.isFinite(p.dLoss) && Number.isFinite(p.gLoss) && Number.isFinite(p.r1)).toBe(true);
    }
    const init = StyleGAN.random(createConfig(_TINY), 1);
    const a = weightsOf(init);
    const b = weightsOf(generator);
    // trained weights moved, by a small EMA step (beta ~ 0.9998: at most a few lr-sized steps)
    const w = 'G_synthesis/8x8/Conv1/weight';
    const diff = maxAbsDiff(a[w], b[w]);
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThan(0.01);
    // noise buffers are not trained
    expect(Array.from(b['G_synthesis/noise0'])).toEqual(Array.from(a['G_synthesis/noise0']));
    init.dispose();
    generator.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 4); // cached constant kernels only
  }, 60_000);

  it('splits each step over 2 workers to the one-thread weights (data parallel), and refuses an uneven split', async () => {
    // batch 8, groups of 4 (samples n, n + 2, ...): each worker's strided half holds whole groups.
    // Adam's epsilon 1e-2, not 1e-8: a few gradients are nearly 0, sums that cancel (the const
    // input's bias before instance norm), and at 1e-8 Adam turns the rounding in them into steps
    // of up to lr (measured: up to 2e-3 on 13 of 6763 values); at 1e-2 a gradient's rounding
    // moves its weight by lr / 1e-2 times as much, so the comparison sees the gradients' agreement
    const base = { images, config: _TINY, steps: 3, batch: 8, seed: 5, r1Gamma: 10, r1Every: 2, emaHalfLifeImages: 4, betas: [0, 0.99, 1e-2] as [number, number, number] };
    const logs: TrainProgress[][] = [[], []];
    const one = await trainStyleGAN({ ...base, onProgress: (p) => logs[0].push(p) });
    const two = await trainStyleGAN({ ...base, workers: 2, onProgress: (p) => logs[1].push(p) });
    const a = weightsOf(one.generator);
    const b = weightsOf(two.generator);
    let moved = 0;
    const g0 = StyleGAN.random(createConfig(_TINY), 5);
    const init = weightsOf(g0);
    g0.dispose();
    for (const n of Object.keys(a)) {
      for (let i = 0; i < a[n].length; i++) {
        expect(Math.abs(a[n][i] - b[n][i]), n).toBeLessThan(1e-4);
        if (Math.abs(a[n][i] - init[n][i]) > 1e-5) moved++;
      }
    }
    expect(moved).toBeGreaterThan(100); // training moved the weights: the comparison is not of two inits
    // losses to 4 decimals: oneDNN's kernels (@ganseg/native) block a batch of 8 and a shard of 4
    // differently, so float32 sums round differently (measured 5.5e-6 apart)
    logs[0].forEach((p, k) => {
      expect(logs[1][k].dLoss).toBeCloseTo(p.dLoss, 4);
      expect(logs[1][k].gLoss).toBeCloseTo(p.gLoss, 4);
      if (Number.isFinite(p.r1)) expect(logs[1][k].r1).toBeCloseTo(p.r1, 4);
      else expect(logs[1][k].r1).toBeNaN();
    });
    one.generator.dispose();
    two.generator.dispose();
    await expect(trainStyleGAN({ ...base, batch: 7, workers: 2 })).rejects.toThrow(/does not split into 2 equal worker shards/);
  }, 60_000);

  it('resumes from its checkpoint to the same weights as one run through; writes generator and samples', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sgt-'));
    const base = { images, config: _TINY, batch: 4, seed: 2, checkpointEvery: 2 };
    (await trainStyleGAN({ ...base, steps: 2, out: dir })).generator.dispose();
    const before = tf.memory().numTensors;
    const resumed = await trainStyleGAN({ ...base, steps: 3, out: dir });
    expect(resumed.step).toBe(3);
    const straight = await trainStyleGAN({ ...base, steps: 3 });
    const a = weightsOf(resumed.generator);
    const b = weightsOf(straight.generator);
    straight.generator.dispose();
    resumed.generator.dispose();
    expect(tf.memory().numTensors).toBe(before); // resuming leaks nothing
    // Adam's restored bias-correction terms are recomputed as beta^t rather than multiplied
    // step by step, so a resumed run agrees to float rounding, not bit for bit.
    for (const n of Object.keys(a)) expectArraysClose(a[n], b[n], 1e-6, 1e-5);
    const loaded = await loadGenerator(path.join(dir, 'generator'));
    expect(Array.from(loaded.weights['G_synthesis/ToRGB_lod0/weight'].dataSync())).toEqual(Array.from(a['G_synthesis/ToRGB_lod0/weight']));
    expect((await fs.readdir(path.join(dir, 'samples'))).sort()).toEqual(['0000002-G.png', '0000002.png', '0000003-G.png', '0000003.png']);
    const log = (await fs.readFile(path.join(dir, 'log.jsonl'), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(3);
    loaded.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  }, 90_000);

  it('resumes from a first-format checkpoint (checkpoint.json + .bin) bit for bit as from the same checkpoint in the new format', async () => {
    const [a, b] = [await fs.mkdtemp(path.join(os.tmpdir(), 'sgt-')), await fs.mkdtemp(path.join(os.tmpdir(), 'sgt-'))];
    const base = { images, config: _TINY, batch: 4, seed: 2, checkpointEvery: 2 };
    (await trainStyleGAN({ ...base, steps: 2, out: a })).generator.dispose();
    const ck = (await _loadCheckpoint(a))!;
    // the optimisers' int32 step counters are stored as float32 values, as the first format stored them
    expect([ck.tensors.get('optG/0')!.data, ck.tensors.get('optD/0')!.data].map((d) => Array.from(d))).toEqual([[2], [2]]);
    await _oldSaveCheckpoint(b, ck.meta, [...ck.tensors.values()]);
    const fromNew = await trainStyleGAN({ ...base, steps: 3, out: a });
    const fromOld = await trainStyleGAN({ ...base, steps: 3, out: b });
    const wa = weightsOf(fromNew.generator);
    const wb = weightsOf(fromOld.generator);
    fromNew.generator.dispose();
    fromOld.generator.dispose();
    for (const n of Object.keys(wa)) expect(Buffer.from(wb[n].buffer).equals(Buffer.from(wa[n].buffer)), n).toBe(true);
    expect((await fs.readdir(path.join(b, 'checkpoint'))).sort()).toEqual(['model.json', 'weights.bin']);
    await Promise.all([a, b].map((d) => fs.rm(d, { recursive: true, force: true })));
  }, 90_000);

  it('takes images from a function or an async iterable, and names a wrong image size', async () => {
    const fn = await trainStyleGAN({ images: (i: number) => images[i % images.length], config: _TINY, steps: 1, batch: 4, seed: 3 });
    fn.generator.dispose();
    async function* gen() { for (const im of images) yield im; }
    const it2 = await trainStyleGAN({ images: gen(), config: _TINY, steps: 1, batch: 4, seed: 3 });
    it2.generator.dispose();
    await expect(trainStyleGAN({ images: [new Uint8Array(10)], config: _TINY, steps: 1, batch: 4 })).rejects.toThrow(TrainImagesError);
  }, 60_000);
});

describe('the G step gradient (through StyleGAN.fromWeights, style mixing and D)', () => {
  it('matches central differences on ToRGB, conv, upscale-conv, style and mapping weights', () => {
    const cfg = createConfig(_TINY);
    const g0 = StyleGAN.random(cfg, 0);
    const G: Record<string, tf.Variable> = {};
    for (const [n, t] of Object.entries(g0.weights)) G[n] = tf.variable(t);
    const D = Discriminator.random(discriminatorConfig({ resolution: 8, fmapBase: 32, fmapMax: 16 }), 1);
    const z = tf.randomNormal([4, 16], 0, 1, 'float32', 5) as tf.Tensor2D;
    const mixZ = tf.reverse(z, 0) as tf.Tensor2D;
    const noise = noiseFromSeed(cfg, 3, 4);
    const loss = () => tf.tidy(() => logisticLoss(D.scores(StyleGAN.fromWeights(cfg, G).generate({ z, noise, mixZ, mixLayer: 2 }).image)));
    // (the 4x4 const is left out: at the official init its instance norm sits at zero variance,
    // where finite differences do not measure the derivative)
    for (const name of ['G_synthesis/ToRGB_lod0/bias', 'G_synthesis/8x8/Conv1/weight', 'G_synthesis/8x8/Conv0_up/weight', 'G_synthesis/4x4/Conv/StyleMod/weight', 'G_mapping/Dense0/weight']) {
      const v = G[name];
      const { grads, value } = tf.variableGrads(loss, [v]);
      const gr = grads[v.name].dataSync();
      tf.dispose([value, grads[v.name]]);
      const base = v.dataSync().slice();
      const top = Array.from(gr.keys()).sort((a, b) => Math.abs(gr[b]) - Math.abs(gr[a])).slice(0, 2);
      for (const i of top) {
        const h = name.startsWith('G_mapping') ? 1 : 0.01; // mapping weights are scaled by lrmul 0.01 at run time
        const at = (d: number) => {
          const p = base.slice();
          p[i] += d;
          v.assign(tf.tensor(p, v.shape));
          const l = loss();
          const out = l.dataSync()[0];
          l.dispose();
          return out;
        };
        const num = (at(h) - at(-h)) / (2 * h);
        v.assign(tf.tensor(base, v.shape));
        expect(Math.abs(num - gr[i]), `${name}[${i}] ${gr[i]} vs ${num}`).toBeLessThan(0.06 * Math.abs(gr[i]));
      }
    }
    g0.dispose();
    D.dispose();
    tf.dispose([z, mixZ, ...noise, ...Object.values(G)]);
  }, 60_000);
});
