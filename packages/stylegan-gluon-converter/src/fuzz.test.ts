// Fuzz (issue 20): seeded mutations of every valid and every hostile fixture (bit flips,
// truncations, huge lengths, big integers, code-execution payloads, memo DAGs, mutations inside a
// zip's entries). Each read succeeds or throws a CheckpointError naming the file, within 2 s and
// 512 MB of peak RSS growth, and no payload runs. A larger run: `node dist/_fuzz-bench.js`.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { _fuzzReaders, type _FuzzSeed } from './_fuzz.js';
import { fixture } from './_test_fixtures.js';

const VALID: [string, 'stylegan' | 'torch'][] = [
  ['tiny-official.pkl', 'stylegan'], ['tiny-official-p2.pkl', 'stylegan'], ['tiny-official-p4.pkl', 'stylegan'],
  ['tiny-gluon.params', 'stylegan'], ['tiny-gluon-prefixed.params', 'stylegan'], ['tiny-state.pth', 'torch'], ['tiny-state-legacy.pth', 'torch'],
  ['sg2/tiny-sg2-official.pkl', 'stylegan'], ['sg2/tiny-sg2-ada.pkl', 'stylegan'],
];
const seeds: _FuzzSeed[] = [
  ...VALID.map(([name, reader]) => ({ name, reader, bytes: new Uint8Array(readFileSync(fixture(name))) })),
  ...readdirSync(fixture('hostile')).map((name) => ({
    name: `hostile/${name}`,
    reader: (name.endsWith('.pth') ? 'torch' : 'stylegan') as 'torch' | 'stylegan',
    bytes: new Uint8Array(readFileSync(fixture(`hostile/${name}`))),
  })),
];

describe('fuzz: mutated checkpoints give only typed errors, bounded in time and memory, and run nothing', () => {
  it.each(seeds.map((s) => [s.name, s] as const))('%s', async (_, s) => {
    const r = await _fuzzReaders([s], 30, 'fuzz-test');
    expect(r.failures).toEqual([]);
    expect(r.executions).toBe(0);
    expect(r.cases).toBe(30);
    if (!s.name.startsWith('hostile/')) expect(r.refused).toBeGreaterThan(30 / 4); // the mutations do damage
  });
});
