import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { decodePng, encodePng } from '@ganseg/io';
import { initBackend } from '@ganseg/runtime';
import type { StyleGAN } from '@ganseg/stylegan';
import { loadAnnotations, WorkspaceError } from '@ganseg/formats';
import { regenerateFeatures } from './regenerate-features.js';
import { hashGenerator } from './hash-generator.js';
import { _smallGenerator, _tmpDir } from './_test_setup.js';
import { sampleWorkspace } from './sample-workspace.js';

let gen: StyleGAN;
let ws: string;
beforeAll(async () => {
  await initBackend();
  gen = _smallGenerator();
  ws = await _tmpDir('ganseg-ws-');
  await sampleWorkspace({ generator: gen, n: 3, seed: 5, truncation: 0.7, out: ws });
});
afterAll(async () => {
  gen.dispose();
  await fs.rm(ws, { recursive: true, force: true });
});

describe('sampleWorkspace + loadAnnotations', () => {
  it('writes images, metadata that regenerates the exact image, and classes.json', async () => {
    expect((await fs.readdir(path.join(ws, 'samples'))).sort()).toEqual(['s0000.json', 's0000.png', 's0001.json', 's0001.png', 's0002.json', 's0002.png']);
    expect(JSON.parse(await fs.readFile(path.join(ws, 'classes.json'), 'utf8'))).toEqual({ classes: [{ name: 'background', color: [0, 0, 0] }, { name: 'hair', color: [255, 0, 0] }], ignore: 255 });
    const meta = JSON.parse(await fs.readFile(path.join(ws, 'samples', 's0001.json'), 'utf8'));
    expect(meta).toMatchObject({ id: 's0001', seed: 6, truncation: 0.7, cutoff: 8, noiseSeed: 6, generator: hashGenerator(gen), width: 32, height: 32 });
    expect(meta.z.length).toBe(32);
    const before = tf.memory().numTensors;
    const { image, maps } = regenerateFeatures(gen, meta, { layers: ['8x8'] });
    const d = image.dataSync();
    tf.dispose([image, ...maps]);
    expect(tf.memory().numTensors).toBe(before);
    const png = decodePng(await fs.readFile(path.join(ws, 'samples', 's0001.png')));
    for (let i = 0; i < 32 * 32; i++) for (let c = 0; c < 3; c++) expect(Math.abs(png.data[4 * i + c] - Math.min(255, Math.max(0, Math.round((d[3 * i + c] + 1) * 127.5))))).toBeLessThanOrEqual(0);
  });

  it('skips unannotated samples with a warning, and refuses a mask without its sample', async () => {
    await fs.writeFile(path.join(ws, 'masks', 's0001.png'), encodePng({ data: new Uint8Array(1024).fill(1), width: 32, height: 32, channels: 1 }));
    const warned: string[] = [];
    const a = await loadAnnotations(ws, { onWarning: (w) => warned.push(w) });
    expect(a.samples.map((s) => s.id)).toEqual(['s0001']);
    expect(a.skipped).toEqual(['s0000', 's0002']);
    expect(warned).toEqual(a.warnings);
    expect(warned[0]).toMatch(/sample s0000 has no mask.*skipped/);
    await fs.writeFile(path.join(ws, 'masks', 's0099.png'), encodePng({ data: new Uint8Array(1024), width: 32, height: 32, channels: 1 }));
    const e = await loadAnnotations(ws).catch((x) => x);
    expect(e).toBeInstanceOf(WorkspaceError);
    expect(e.message).toMatch(/s0099\.png: mask without its sample; expected .*s0099\.json/);
    await fs.rm(path.join(ws, 'masks', 's0099.png'));
    await fs.writeFile(path.join(ws, 'masks', 's0001.json'), '{}');
    await expect(loadAnnotations(ws)).rejects.toThrow(/sample s0001 has two masks/);
    await fs.rm(path.join(ws, 'masks', 's0001.json'));
    await fs.writeFile(path.join(ws, 'masks', 's0002.png'), encodePng({ data: new Uint8Array(16), width: 4, height: 4, channels: 1 }));
    await expect(loadAnnotations(ws)).rejects.toThrow(/s0002\.png: is 4x4; expected 32x32/);
    await fs.rm(path.join(ws, 'masks', 's0002.png'));
    await expect(loadAnnotations(path.join(ws, 'nope'))).rejects.toThrow(/classes\.json: cannot be read/);
  });
});
