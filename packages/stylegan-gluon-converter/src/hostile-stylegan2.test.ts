// Hostile StyleGAN2 / ADA pickles (written by tools/stylegan2-ref/write_checkpoints.py): a typed
// error within a second, nothing executed (the marker file their payloads would write never
// appears), no output folder left. A persisted class's embedded source is data: a file whose
// source would run code but whose weights are fine converts, and the source is never run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@ganseg/runtime';
import type { CheckpointErrorKind } from '@ganseg/checkpoint-readers';
import { convertCheckpoint } from './convert-checkpoint.js';
import { fixture, refused } from './_test_fixtures.js';

const MARKER = '/tmp/ganseg-sg2-hostile-marker';
let root: string;

beforeAll(async () => {
  await initBackend();
  rmSync(MARKER, { force: true });
  root = mkdtempSync(path.join(tmpdir(), 'ganseg-sg2-hostile-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('hostile StyleGAN2 pickles', () => {
  const cases: [string, CheckpointErrorKind[], RegExp][] = [
    ['ada-os-system.pkl', ['forbidden-global'], /global posix\.system|global os\.system/],
    ['ada-evil-class.pkl', ['unknown-format'], /persisted class evil\.Generator/],
    ['ada-truncated.pkl', ['truncated', 'malformed'], /sg2\/hostile\/ada-truncated\.pkl|ends inside|truncated/],
    ['ada-huge-storage.pkl', ['truncated', 'malformed'], /storage/],
    ['sg3.pkl', ['unknown-format'], /StyleGAN3 generator \(training\.networks_stylegan3\.Generator\)/],
  ];
  it.each(cases)('%s: %s', async (name, kinds, message) => {
    const out = path.join(root, name);
    const e = await refused(() => convertCheckpoint(fixture(`sg2/hostile/${name}`), out));
    expect(kinds).toContain(e.kind);
    expect(e.file).toMatch(name);
    expect(e.message).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(MARKER)).toBe(false);
  });

  it('a persisted class whose embedded source would run code converts without running it', async () => {
    const out = path.join(root, 'evil-source');
    const r = await convertCheckpoint(fixture('sg2/hostile/ada-evil-source.pkl'), out);
    expect(r.config.architecture).toBe('stylegan2');
    expect(existsSync(path.join(out, 'model.json'))).toBe(true);
    expect(existsSync(MARKER)).toBe(false);
  });
});
