import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '@ganseg/test-util';
import { CheckpointError } from './checkpoint-error.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';
import { fixture, makeZip } from './_test_fixtures.js';

const expected: Record<string, { shape: number[]; dtype: string; data: number[] }> = JSON.parse(readFileSync(fixture('torch-expected.json'), 'utf8'));

describe.each(['tiny-state.pth', 'tiny-state-legacy.pth'])('readTorchCheckpoint(%s)', (name) => {
  it('matches the state dict torch saved (float32, float16, float64, int64, a non-contiguous view)', async () => {
    const sd = await readTorchCheckpoint(fixture(name));
    expect(Object.keys(sd).sort()).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) {
      expect(sd[k].shape, k).toEqual(e.shape);
      expect(sd[k].dtype, k).toBe(e.dtype);
      expect(maxAbsDiff(sd[k].data, e.data), k).toBeLessThan(1e-6 * Math.max(1, ...e.data.map(Math.abs)));
    }
    expect(sd['bn1.num_batches_tracked'].data[0]).toBe(12345);
  });
});

describe('readTorchCheckpoint errors', () => {
  it('wrong magic, missing file, missing data.pkl: typed errors naming the file', async () => {
    await expect(readTorchCheckpoint(Uint8Array.of(1, 2, 3, 4), 'junk.pth')).rejects.toMatchObject({ kind: 'bad-magic', file: 'junk.pth' });
    await expect(readTorchCheckpoint('/nonexistent/x.pth')).rejects.toMatchObject({ kind: 'io' });
    const z = makeZip([{ name: 'a/other', data: new Uint8Array(4), method: 0 }]);
    await expect(readTorchCheckpoint(z, 'nopkl.pth')).rejects.toMatchObject({ kind: 'malformed', key: 'data.pkl' });
  });

  it('a storage entry missing from the archive names the entry', async () => {
    const full = readFileSync(fixture('tiny-state.pth'));
    const { readZip } = await import('./read-zip.js');
    const entries = [...readZip(full, 't').entries()].filter(([n]) => !n.endsWith('/data/0'));
    const z = makeZip(entries.map(([name, data]) => ({ name, data, method: 0 as const })));
    const e = await readTorchCheckpoint(z, 'lost.pth').catch((err) => err);
    expect(e).toBeInstanceOf(CheckpointError);
    expect(e.key).toMatch(/data\/0/);
  });
});
