// Fuzz (issue 20): seeded mutations of every valid and every hostile StyleGAN fixture (official
// pickles, StyleGAN2 TF and ADA pickles, Gluon `.params`, hostile pickles and `.params` of @ganseg/checkpoint-readers) through
// readStyleGANCheckpoint, with the readers' fuzzer. Each read succeeds or throws a CheckpointError
// naming the file, within 2 s and 512 MB of peak RSS growth, and no payload runs. A larger run:
// `node dist/_fuzz-bench.js`.
import { readdirSync, readFileSync } from 'node:fs';
import type { FuzzSeed } from '@ganseg/checkpoint-readers';
import { describeFuzz } from '@ganseg/checkpoint-readers/testing';
import { createRng } from '@ganseg/runtime';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { fixture } from './_test_fixtures.js';

const read = (b: Uint8Array, file: string) => readStyleGANCheckpoint(b, { file });
const seeds: FuzzSeed[] = [
  ...['tiny-official.pkl', 'tiny-official-p2.pkl', 'tiny-official-p4.pkl', 'tiny-gluon.params', 'tiny-gluon-prefixed.params'],
  'sg2/tiny-sg2-official.pkl', 'sg2/tiny-sg2-ada.pkl',
  ...readdirSync(fixture('hostile')).filter((n) => !n.endsWith('.pth')).map((n) => `hostile/${n}`),
].map((name) => ({ name, read, bytes: new Uint8Array(readFileSync(fixture(name))) }));
const random = (name: string) => { const g = createRng(name); return () => g.uniform(); };

describeFuzz('fuzz: mutated StyleGAN checkpoints give only typed errors, bounded in time and memory, and run nothing', seeds, random);
