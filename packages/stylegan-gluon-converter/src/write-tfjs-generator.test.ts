import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTfjsGenerator } from './write-tfjs-generator.js';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { fixture } from './_test_fixtures.js';

describe('writeTfjsGenerator', () => {
  it('writes model.json (format, config, manifest in spec order) and the float32 shard', async () => {
    const ck = await readStyleGANCheckpoint(fixture('tiny-official.pkl'));
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ganseg-tfjs-')), 'g');
    const files = await writeTfjsGenerator(dir, ck.config, ck.weights);
    expect(files).toEqual(['model.json', 'group1-shard1of1.bin']);
    const model = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
    expect(model.format).toBe('ganseg-stylegan');
    expect(model.config).toEqual(ck.config);
    expect(model.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual(Object.keys(ck.weights));
    const bin = readFileSync(path.join(dir, 'group1-shard1of1.bin'));
    const total = Object.values(ck.weights).reduce((a, w) => a + w.data.length, 0);
    expect(bin.length).toBe(4 * total);
    expect(new Float32Array(bin.buffer, bin.byteOffset, 4)[0]).toBe(ck.weights['G_mapping/Dense0/weight'].data[0]);
    await expect(writeTfjsGenerator(dir, ck.config, ck.weights)).rejects.toMatchObject({ kind: 'io' });
    expect(readdirSync(path.dirname(dir))).toEqual(['g']);
  });
});
