// The fuzzer itself: it reports every rule a reader breaks (an untyped error, an error naming
// another file, the safety net's internal error), and mutates the same way for the same seed. The
// fixtures are fuzzed through the real readers in @ganseg/stylegan-gluon-converter's fuzz.test.ts
// (every .pth through readTorchCheckpoint, every StyleGAN file through readStyleGANCheckpoint).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '@ganseg/runtime';
import { CheckpointError } from './checkpoint-error.js';
import { fuzzCheckpointReader } from './fuzz-checkpoint-reader.js';
import { guardCheckpointRead } from './guard-checkpoint-read.js';
import { fixture } from './_test_fixtures.js';

const bytes = new Uint8Array(readFileSync(fixture('tiny-state.pth')));
const random = (name: string) => { const g = createRng(name); return () => g.uniform(); };

describe('fuzzCheckpointReader', () => {
  it('reports untyped errors, errors naming another file and the safety net, case by case', async () => {
    const seeds = [
      { name: 'plain', bytes, read: async () => { throw new Error('boom'); } },
      { name: 'other', bytes, read: async () => { throw new CheckpointError('malformed', 'elsewhere.pth', 'x'); } },
      { name: 'net', bytes, read: async (_: Uint8Array, file: string) => guardCheckpointRead(file, () => { throw new TypeError('bug'); }) },
      { name: 'fine', bytes, read: async (_: Uint8Array, file: string) => { throw new CheckpointError('truncated', file, 'cut'); } },
    ];
    const r = await fuzzCheckpointReader(seeds, 3, random, 'harness');
    expect(r.cases).toBe(12);
    expect(r.refused).toBe(12);
    expect(r.failures).toHaveLength(9);
    expect(r.failures[0]).toMatch(/^plain#0: not a CheckpointError: boom/);
    expect(r.failures[3]).toMatch(/^other#0: the error names elsewhere\.pth/);
    expect(r.failures[6]).toMatch(/^net#0: safety net: .*internal: bug/);
    expect(r.executions).toBe(0);
  });

  it('mutates the same way for the same seed, differently for another', async () => {
    const seen: string[][] = [[], [], []];
    for (const [i, run] of ['a', 'a', 'b'].entries()) {
      await fuzzCheckpointReader([{ name: 's', bytes, read: async (b) => { seen[i].push(Buffer.from(b).toString('base64')); } }], 5, random, run);
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).not.toEqual(seen[2]);
  });
});
