import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { loadGenerator } from './load-generator.js';
import { GeneratorFormatError } from './generator-format-error.js';
import { WeightsMismatchError } from '@ganseg/io';
import { StyleGANConfigError } from './style-gan-config-error.js';
import { StyleGAN } from './style-gan.js';
import { createConfig } from './create-config.js';
import { FIXTURES } from './_test_fixtures.js';

beforeAll(async () => {
  await initBackend();
});

/** Copies the res16 fixture's model to a temp dir, lets `edit` change it, returns the error loadGenerator throws. */
async function loadEdited(edit: (dir: string, model: any) => void): Promise<unknown> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stylegan-load-'));
  try {
    cpSync(path.join(FIXTURES, 'res16', 'model.json'), path.join(dir, 'model.json'));
    cpSync(path.join(FIXTURES, 'res16', 'weights.bin'), path.join(dir, 'weights.bin'));
    const model = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
    edit(dir, model);
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(model));
    try {
      const g = await loadGenerator(dir);
      g.dispose();
      return null;
    } catch (e) {
      return e;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('loadGenerator errors', () => {
  it('loads the unedited fixture and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    expect(await loadEdited(() => {})).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('missing folder, wrong format, bad config, truncated shard: typed errors naming the file', async () => {
    await expect(loadGenerator('/nonexistent/gen')).rejects.toThrow(GeneratorFormatError);
    const fmt = await loadEdited((_d, m) => { m.format = 'tfjs-layers'; });
    expect(fmt).toBeInstanceOf(GeneratorFormatError);
    expect((fmt as Error).message).toMatch(/model\.json: format is "tfjs-layers"/);
    const cfg = await loadEdited((_d, m) => { m.config.resolution = 24; });
    expect(cfg).toBeInstanceOf(StyleGANConfigError);
    const short = await loadEdited((d) => truncateSync(path.join(d, 'weights.bin'), 1000));
    expect(short).toBeInstanceOf(GeneratorFormatError);
    expect((short as GeneratorFormatError).file).toMatch(/weights\.bin$/);
    expect((short as GeneratorFormatError).key).toBe('G_mapping/Dense0/weight'); // [16, 24] floats = 1536 bytes > 1000
    const long = await loadEdited((d) => writeFileSync(path.join(d, 'weights.bin'), Buffer.concat([readFileSync(path.join(d, 'weights.bin')), Buffer.alloc(8)])));
    expect(long).toBeInstanceOf(GeneratorFormatError);
  });

  it('strict spec: every missing, unexpected and mis-shaped key listed with shapes', async () => {
    const before = tf.memory().numTensors;
    const e = await loadEdited((_d, m) => {
      const ws = m.weightsManifest[0].weights;
      ws[0].name = 'G_mapping/Dense0/weights'; // renamed: one missing + one unexpected
      const i = ws.findIndex((w: { name: string }) => w.name === 'G_synthesis/8x8/Conv1/weight');
      // [3,3,16,16] -> [3,3,8,32]: same byte count, wrong shape
      ws[i].shape = [3, 3, 8, 32];
    });
    expect(e).toBeInstanceOf(WeightsMismatchError);
    const err = e as WeightsMismatchError;
    expect(err.missing).toEqual(['G_mapping/Dense0/weight']);
    expect(err.unexpected).toEqual(['G_mapping/Dense0/weights']);
    expect(err.misshaped).toEqual([{ name: 'G_synthesis/8x8/Conv1/weight', expected: [3, 3, 16, 16], found: [3, 3, 8, 32] }]);
    expect(err.message).toContain('mis-shaped: G_synthesis/8x8/Conv1/weight expected [3, 3, 16, 16], found [3, 3, 8, 32]');
    expect(err.message).toContain('model.json');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fromWeights clones: the caller may dispose its tensors', () => {
    const cfg = createConfig({ resolution: 8, latentSize: 4, dlatentSize: 4, mappingLayers: 1, mappingFmaps: 4, fmapBase: 16, fmapMax: 8 });
    const src = StyleGAN.random(cfg, 1);
    const copy = StyleGAN.fromWeights(cfg, src.weights);
    src.dispose();
    const out = copy.generate({ z: tf.ones([1, 4]) });
    expect(out.image.shape).toEqual([1, 8, 8, 3]);
    tf.dispose([out.image, out.wplus]);
    copy.dispose();
  });
});
