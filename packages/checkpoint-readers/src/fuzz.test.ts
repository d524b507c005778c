// Fuzz (issue 20): seeded mutations of every valid and every hostile PyTorch fixture (bit flips,
// truncations, huge lengths, big integers, code-execution payloads, memo DAGs, mutations inside a
// zip's entries). Each read succeeds or throws a CheckpointError naming the file, within 2 s and
// 512 MB of peak RSS growth, and no payload runs. The StyleGAN pickles and `.params` are fuzzed
// through readStyleGANCheckpoint in @ganseg/stylegan-gluon-converter.
import { readdirSync, readFileSync } from 'node:fs';
import { createRng } from '@ganseg/runtime';
import type { FuzzSeed } from './fuzz-checkpoint-reader.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';
import { fixture } from './_test_fixtures.js';
import { describeFuzz } from './testing.js';

const read = (b: Uint8Array, file: string) => readTorchCheckpoint(b, file);
const seeds: FuzzSeed[] = [
  ...['tiny-state.pth', 'tiny-state-legacy.pth'],
  ...readdirSync(fixture('hostile')).filter((n) => n.endsWith('.pth')).map((n) => `hostile/${n}`),
].map((name) => ({ name, read, bytes: new Uint8Array(readFileSync(fixture(name))) }));
const random = (name: string) => { const g = createRng(name); return () => g.uniform(); };

describeFuzz('fuzz: mutated checkpoints give only typed errors, bounded in time and memory, and run nothing', seeds, random);
