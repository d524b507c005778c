// Fuzz (issue 20): seeded mutations of every valid and every hostile fixture of
// @ganseg/checkpoint-readers (bit flips, truncations, huge lengths, big integers, code-execution
// payloads, memo DAGs, mutations inside a zip's entries), `.pth` through readTorchCheckpoint and the
// StyleGAN pickles (v1, StyleGAN2 TF and ADA) and `.params` through readStyleGANCheckpoint, with the readers' fuzzer. Each read
// succeeds or throws a CheckpointError (or the weight check's WeightsMismatchError) naming the file, within 2 s and 512 MB of peak RSS growth,
// and no payload runs. A larger run: `node dist/_fuzz-bench.js`.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CheckpointError, fuzzCheckpointReader, readTorchCheckpoint, type FuzzSeed } from '@ganseg/checkpoint-readers';
import { WeightsMismatchError } from '@ganseg/io';
import { createRng } from '@ganseg/runtime';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { fixture } from './_test_fixtures.js';

const VALID = ['tiny-official.pkl', 'tiny-official-p2.pkl', 'tiny-official-p4.pkl', 'tiny-gluon.params', 'tiny-gluon-prefixed.params', 'tiny-state.pth', 'tiny-state-legacy.pth', 'sg2/tiny-sg2-official.pkl', 'sg2/tiny-sg2-ada.pkl'];
// The strict weight check's error (@ganseg/io's WeightsMismatchError) is typed and names the file
// too: the fuzzer, which asks for a CheckpointError naming the file, gets one carrying its message.
const typed = (file: string) => (e: unknown): never => {
  if (e instanceof WeightsMismatchError && e.source === file && e.message.startsWith(`${file}: `)) throw new CheckpointError('malformed', file, e.message.slice(file.length + 2));
  throw e;
};
const seeds: FuzzSeed[] = [...VALID, ...readdirSync(fixture('hostile')).map((n) => `hostile/${n}`)].map((name) => ({
  name,
  read: name.endsWith('.pth') ? (b, file) => readTorchCheckpoint(b, file) : (b, file) => readStyleGANCheckpoint(b, { file }).catch(typed(file)),
  bytes: new Uint8Array(readFileSync(fixture(name))),
}));
const random = (name: string) => { const g = createRng(name); return () => g.uniform(); };

describe('fuzz: mutated checkpoints give only typed errors, bounded in time and memory, and run nothing', () => {
  it.each(seeds.map((s) => [s.name, s] as const))('%s', async (_, s) => {
    const r = await fuzzCheckpointReader([s], 30, random, 'fuzz-test');
    expect(r.failures).toEqual([]);
    expect(r.executions).toBe(0);
    expect(r.cases).toBe(30);
    if (!s.name.startsWith('hostile/')) expect(r.refused).toBeGreaterThan(30 / 4); // the mutations do damage
  });
});
