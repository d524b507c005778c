// Issue 20: hostile StyleGAN files (written by tools/hostile-inputs/make_weights.py into
// @ganseg/checkpoint-readers' fixtures) are refused before they cost time or memory: each within a
// second, under 300 MB more peak RSS, with a typed error naming the file. The pickle and PyTorch
// hostile files are tested in @ganseg/checkpoint-readers.
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '@ganseg/checkpoint-readers';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { fixture } from './_test_fixtures.js';

describe('hostile StyleGAN files are refused before allocation', () => {
  it.each([
    ['gluon-16384px.params', /16384 px.*up to 1024 px/],
    ['gluon-2p24px.params', /16777216 px/],
    ['official-2p36px.pkl', /up to 1024 px/],
  ])('%s (stylegan): bad-value: %s', async (name, message) => {
    const file = fixture(`hostile/${name}`);
    const rss0 = process.resourceUsage().maxRSS * 1024;
    const t0 = performance.now();
    const e = await readStyleGANCheckpoint(file).then(() => undefined, (x: unknown) => x);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.resourceUsage().maxRSS * 1024 - rss0).toBeLessThan(300 * 1024 * 1024);
    expect(e, 'expected an error').toBeInstanceOf(CheckpointError);
    const err = e as CheckpointError;
    expect(err.kind).toBe('bad-value');
    expect(err.file).toBe(file);
    expect(err.message.startsWith(file)).toBe(true);
    expect(err.message).toMatch(message);
  });
});
