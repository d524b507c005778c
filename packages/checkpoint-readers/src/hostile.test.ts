// Issue 20: small hostile files (written by tools/hostile-inputs/make_weights.py) are refused
// before they cost time or memory: each within a second, under 300 MB more peak RSS, with a typed
// error naming the file. The hostile StyleGAN files (huge resolutions) are tested through
// readStyleGANCheckpoint in @ganseg/stylegan-gluon-converter.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckpointErrorKind } from './checkpoint-error.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';
import { readZip } from './read-zip.js';
import { unpickle } from './unpickle.js';
import { fixture } from './_test_fixtures.js';
import { expectRefused as refused } from './testing.js';

const hostile = (name: string): string => fixture(`hostile/${name}`);
const MB = 1024 * 1024;

describe('hostile weight files are refused before allocation', () => {
  const cases: [string, 'torch' | 'pickle', CheckpointErrorKind, RegExp][] = [
    ['long4-256k.pkl', 'pickle', 'malformed', /262144 bytes long \(LONG4\)/],
    ['memo-dag.pkl', 'pickle', 'malformed', /dict key nests more than 10000 values/],
    ['zip-overlap.pth', 'torch', 'malformed', /overlap/],
    ['zero-stride.pth', 'torch', 'malformed', /layer0\.weight.*broadcast/],
    ['nan-weight.pth', 'torch', 'non-finite', /conv1\.weight holds 1 NaN/],
    ['frac-stride.pth', 'torch', 'malformed', /stride \[1\.5\]/],
    ['nan-offset.pth', 'torch', 'malformed', /offset NaN/],
    ['neg-stride.pth', 'torch', 'malformed', /stride \[-1\]/],
    ['frac-offset.pth', 'torch', 'malformed', /offset 0\.5/],
  ];
  it.each(cases)('%s (%s): %s', async (name, reader, kind, message) => {
    const file = hostile(name);
    const e = await refused(() => (reader === 'torch' ? readTorchCheckpoint(file) : unpickle(readFileSync(file), { file })));
    expect(e.kind).toBe(kind);
    expect(e.file).toBe(file);
    expect(e.message.startsWith(file)).toBe(true);
    expect(e.message).toMatch(message);
  });

  it('the NaN tensor is named in key, and allowNonFinite reads it', async () => {
    const e = await refused(() => readTorchCheckpoint(hostile('nan-weight.pth')));
    expect(e.key).toBe('conv1.weight');
    const sd = await readTorchCheckpoint(hostile('nan-weight.pth'), undefined, { allowNonFinite: true });
    expect(Number.isNaN(sd['conv1.weight'].data[2 * 27 + 1 * 9 + 0 * 3 + 2])).toBe(true);
  });

  it('zip entries are inflated only when read: an unused 128 MiB entry costs nothing', async () => {
    const rss0 = process.resourceUsage().maxRSS * 1024;
    const t0 = performance.now();
    const sd = await readTorchCheckpoint(hostile('unused-bomb.pth'));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.resourceUsage().maxRSS * 1024 - rss0).toBeLessThan(100 * MB);
    expect(Object.keys(sd).sort()).toEqual(['b', 'w']);
    expect(sd.w.shape).toEqual([4, 3]);
  });

  it('readZip refuses a declared size over its limit before inflating', async () => {
    const e = await refused(() => readZip(readFileSync(hostile('unused-bomb.pth')), 'u.pth', 64 * MB));
    expect(e.key).toMatch(/unused\.bin$/);
    expect(e.message).toMatch(/over the limit of 67108864/);
  });
});
