import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMxnetParams } from '@ganseg/checkpoint-readers';
import { maxAbsDiff } from '@ganseg/test-util';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { writeGluonGenerator } from './write-gluon-generator.js';
import { fixture } from './_test_fixtures.js';

describe('writeGluonGenerator', () => {
  it('writes the same parameters as the paper-layout fixture (names, shapes, values)', async () => {
    const ck = await readStyleGANCheckpoint(fixture('tiny-official.pkl'));
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ganseg-gluon-')), 'g');
    const notes = await writeGluonGenerator(dir, ck.config, ck.weights);
    expect(notes.join(' ')).toMatch(/differs from the paper's Generator/);
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual(ck.config);
    const mine = await readMxnetParams(path.join(dir, 'generator.params'));
    const ref = await readMxnetParams(fixture('tiny-gluon.params'));
    expect(Object.keys(mine).sort()).toEqual(Object.keys(ref).sort());
    for (const k of Object.keys(ref)) {
      expect(mine[k].shape, k).toEqual(ref[k].shape);
      expect(maxAbsDiff(mine[k].data, ref[k].data), k).toBeLessThan(1e-5 * Math.max(1, ...Array.from(ref[k].data, Math.abs)));
    }
  });
});
