import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { decodePng, encodePng } from '@ganseg/io';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN, createConfig, saveGenerator } from '@ganseg/stylegan';
import { sampleWorkspace, saveDecoder, trainDecoder } from '@ganseg/decoder';
import { synthesizeDataset } from './synthesize-dataset.js';
import { parseShard } from './parse-shard.js';
import { mergeDatasets } from './merge-datasets.js';

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'synth-gan-'));
const genDir = path.join(root, 'gen');
const decDir = path.join(root, 'dec');
afterAll(() => fs.rm(root, { recursive: true, force: true }));

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'dataset.json') out.set(path.relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  await initBackend();
  const cfg = createConfig({ resolution: 16, latentSize: 16, dlatentSize: 16, mappingLayers: 2, fmapBase: 64, fmapMax: 16 });
  const gen = StyleGAN.random(cfg, 5);
  await saveGenerator(gen, genDir);
  const ws = path.join(root, 'ws');
  const ids = await sampleWorkspace({ generator: gen, n: 4, seed: 100, out: ws, classes: [{ name: 'dark', color: [0, 0, 0] }, { name: 'bright', color: [255, 255, 255] }] });
  await fs.mkdir(path.join(ws, 'masks'), { recursive: true });
  for (const id of ids) {
    // annotate: a pixel is "bright" when its red channel is above the image's median
    const png = decodePng(readFileSync(path.join(ws, 'samples', `${id}.png`)), { channels: 1 });
    const red = Array.from(png.data);
    const med = [...red].sort((a, b) => a - b)[red.length >> 1];
    const mask = Uint8Array.from(red, (r) => (r > med ? 1 : 0));
    await fs.writeFile(path.join(ws, 'masks', `${id}.png`), encodePng({ data: mask, width: png.width, height: png.height, channels: 1 }));
  }
  const { decoder } = await trainDecoder({ generator: gen, workspace: ws, epochs: 1 });
  await saveDecoder(decoder, decDir);
  decoder.dispose();
  gen.dispose();
}, 120_000);

describe('synthesizeDataset (generator + decoder)', () => {
  it('writes the same bytes with 1 worker, 2 workers, and 2 merged shards', async () => {
    const before = tf.memory().numTensors;
    const a = path.join(root, 'a');
    const s = await synthesizeDataset({ generator: genDir, decoder: decDir, out: a, n: 6, seedStart: 3, workers: 1, dropUncertain: 0.2 });
    expect(s).toMatchObject({ written: 6, kept: 5, dropped: 1 });
    expect(tf.memory().numTensors).toBe(before);
    const b = path.join(root, 'b');
    await synthesizeDataset({ generator: genDir, decoder: decDir, out: b, n: 6, seedStart: 3, workers: 2, dropUncertain: 0.2 });
    expect(snapshot(b)).toEqual(snapshot(a));
    const shards = [0, 1].map((k) => path.join(root, `shard${k}`));
    for (let k = 0; k < 2; k++) await synthesizeDataset({ generator: genDir, decoder: decDir, out: shards[k], n: 6, seedStart: 3, shard: parseShard(`${k}/2`), dropUncertain: 0.2 });
    const merged = path.join(root, 'merged');
    await mergeDatasets(shards, merged);
    expect(snapshot(merged)).toEqual(snapshot(a));
    const info = JSON.parse(readFileSync(path.join(a, 'dataset.json'), 'utf8'));
    expect(info.classes.map((c: { name: string }) => c.name)).toEqual(['dark', 'bright']);
    expect(info.hashes.generator).toMatch(/^[0-9a-f]{16}$/);
    expect(info.width).toBe(16);
    const lines = readFileSync(path.join(a, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    for (const l of lines) {
      expect(l.uncertainty).toBeGreaterThanOrEqual(0);
      expect(l.uncertainty).toBeLessThanOrEqual(1);
      expect(l.pixels[0] + l.pixels[1]).toBe(256);
    }
    // resuming folder a with another truncation stops before writing, saying what differs
    expect(JSON.parse(readFileSync(path.join(a, 'run.json'), 'utf8')).run).toEqual({ truncation: 0.7, cutoff: 8 });
    await expect(synthesizeDataset({ generator: genDir, decoder: decDir, out: a, n: 12, seedStart: 3, truncation: 0.5 })).rejects.toThrow(/truncation 0\.7 \(now 0\.5\)/);
    expect(snapshot(a)).toEqual(snapshot(b));
  }, 120_000);
});
