import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '@ganseg/checkpoint-readers';
import { maxAbsDiff } from '@ganseg/test-util';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { WeightsMismatchError } from '@ganseg/io';
import { expected, fixture, referenceWeights } from './_test_fixtures.js';

const ref = referenceWeights();
const noiseNames = (n: string): boolean => /^G_synthesis\/noise\d+$/.test(n);

describe.each(['tiny-official.pkl', 'tiny-official-p2.pkl', 'tiny-official-p4.pkl'])('official pickle %s', (name) => {
  it('gives Gs\'s weights exactly, the config from shapes and static_kwargs, lod/ToRGB_lod1.. ignored', async () => {
    const ck = await readStyleGANCheckpoint(fixture(name));
    expect(ck.format).toBe('pkl');
    expect(ck.config).toEqual(expected.config);
    expect(Object.keys(ck.weights)).toEqual(expected.reference.weights.map((w) => w.name));
    for (const [k, r] of Object.entries(ref)) {
      expect(ck.weights[k].shape, k).toEqual(r.shape);
      expect(maxAbsDiff(ck.weights[k].data, r.data), k).toBe(0);
    }
    expect(ck.ignored).toContain('G_synthesis/lod');
    expect(ck.ignored).toContain('G_synthesis/ToRGB_lod1/weight');
    expect(ck.ignored.filter((k) => !/^G_synthesis\/(lod|ToRGB_lod[1-9]\/(weight|bias))$/.test(k))).toEqual([]);
  });
});

describe.each(['tiny-gluon.params', 'tiny-gluon-prefixed.params'])('Gluon params %s', (name) => {
  it('gives the same weights (transposed, fused 4x4 kernels undone) and config', async () => {
    const ck = await readStyleGANCheckpoint(fixture(name), { noiseSeed: 3 });
    expect(ck.format).toBe('gluon');
    expect(ck.config).toEqual(expected.config);
    for (const [k, r] of Object.entries(ref)) {
      if (noiseNames(k)) continue;
      expect(ck.weights[k].shape, k).toEqual(r.shape);
      const scale = Math.max(1, ...Array.from(r.data, Math.abs));
      expect(maxAbsDiff(ck.weights[k].data, r.data), k).toBeLessThan(2e-5 * scale);
    }
    expect(ck.notes.join('\n')).toMatch(/noiseFromSeed\(config, 3\)/);
    expect(ck.ignored).toContain('truncation_psi');
  });
});

describe('readStyleGANCheckpoint errors', () => {
  it('--from that disagrees with the content', async () => {
    await expect(readStyleGANCheckpoint(fixture('tiny-gluon.params'), { from: 'pkl' })).rejects.toMatchObject({ kind: 'bad-magic' });
  });

  it('a torch file is refused with a pointer to readTorchCheckpoint', async () => {
    await expect(readStyleGANCheckpoint(fixture('tiny-state.pth'))).rejects.toThrow(/readTorchCheckpoint/);
  });

  it('a Gluon layer of the wrong shape: WeightsMismatchError with expected and found shapes', async () => {
    const { readMxnetParams } = await import('@ganseg/checkpoint-readers');
    const { encodeMxnetParams } = await import('@ganseg/checkpoint-readers');
    const p = await readMxnetParams(fixture('tiny-gluon.params'));
    const w = p['net3.block2.0.weight']; // [16, 16, 3, 3] -> make it [16, 8, 3, 3]
    p['net3.block2.0.weight'] = { shape: [16, 8, 3, 3], dtype: 'float32', data: w.data.slice(0, 16 * 8 * 9) };
    const e = await readStyleGANCheckpoint(encodeMxnetParams(p), { file: 'bad.params' }).catch((x) => x);
    expect(e).toBeInstanceOf(WeightsMismatchError);
    expect(e.source).toBe('bad.params');
    expect(e.misshaped).toContainEqual({ name: 'G_synthesis/8x8/Conv1/weight', expected: [3, 3, 16, 16], found: [3, 3, 8, 16] });
    expect(e.message).toContain('expected [3, 3, 16, 16], found [3, 3, 8, 16]');
  });

  it('NaN weights are rejected naming the key', async () => {
    const { readMxnetParams } = await import('@ganseg/checkpoint-readers');
    const { encodeMxnetParams } = await import('@ganseg/checkpoint-readers');
    const p = await readMxnetParams(fixture('tiny-gluon.params'));
    p['net2.adain1.affine.bias'].data[3] = NaN;
    const e = await readStyleGANCheckpoint(encodeMxnetParams(p), { file: 'nan.params' }).catch((x) => x);
    expect(e).toBeInstanceOf(WeightsMismatchError);
    expect(e.source).toBe('nan.params');
    expect(e.nonFinite).toEqual(['G_synthesis/4x4/Const/StyleMod/bias']);
  });

  it('an unknown Gluon parameter is listed as unexpected; a missing one named', async () => {
    const { readMxnetParams } = await import('@ganseg/checkpoint-readers');
    const { encodeMxnetParams } = await import('@ganseg/checkpoint-readers');
    const p = await readMxnetParams(fixture('tiny-gluon.params'));
    p['net9.extra.weight'] = { shape: [2], dtype: 'float32', data: new Float32Array(2) };
    const e = await readStyleGANCheckpoint(encodeMxnetParams(p), { file: 'x.params' }).catch((x) => x);
    expect(e).toBeInstanceOf(CheckpointError);
    const q = await readMxnetParams(fixture('tiny-gluon.params'));
    delete q['net4.adain2.affine.weight'];
    const m = await readStyleGANCheckpoint(encodeMxnetParams(q), { file: 'y.params' }).catch((x) => x);
    expect(m).toMatchObject({ kind: 'missing-key', key: 'net4.adain2.affine.weight', file: 'y.params' });
  });

  it('a non-fused 4x4 kernel cannot be expressed officially: bad-value naming the key', async () => {
    const { readMxnetParams } = await import('@ganseg/checkpoint-readers');
    const { encodeMxnetParams } = await import('@ganseg/checkpoint-readers');
    const p = await readMxnetParams(fixture('tiny-gluon.params'));
    p['net5.block0.weight'].data[15] += 1; // corner tap of the 4x4 kernel
    const e = await readStyleGANCheckpoint(encodeMxnetParams(p), { file: 'z.params' }).catch((x) => x);
    expect(e).toMatchObject({ kind: 'bad-value', key: 'net5.block0.weight' });
  });

  it('a StyleGAN2 pickle is named as such', async () => {
    const b = new Uint8Array(readFileSync(fixture('tiny-official.pkl')));
    const s = Buffer.from(b).toString('latin1');
    const at = s.indexOf('training.networks_stylegan.G_synthesis');
    Buffer.from('training.networks_stylegan2G_synthesis').copy(b, at); // same length
    await expect(readStyleGANCheckpoint(b, { file: 's2.pkl' })).rejects.toMatchObject({ kind: 'unknown-format', file: 's2.pkl' });
  });

  it('an official pickle whose Gs has an extra variable lists it as unexpected', async () => {
    // Rename 'dlatent_avg' -> 'dlatent_avX' in the bytes: the spec misses one and sees one unexpected.
    const b = new Uint8Array(readFileSync(fixture('tiny-official.pkl')));
    const s = Buffer.from(b).toString('latin1');
    const at = s.lastIndexOf('dlatent_avg');
    b[at + 10] = 'X'.charCodeAt(0);
    const e = await readStyleGANCheckpoint(b, { file: 'renamed.pkl' }).catch((x) => x);
    expect(e).toBeInstanceOf(WeightsMismatchError);
    expect(e.missing).toEqual(['dlatent_avg']);
    expect(e.unexpected).toEqual(['dlatent_avX']);
  });
});
