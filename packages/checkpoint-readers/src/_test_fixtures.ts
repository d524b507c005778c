// Test helper (not built): reads packages/checkpoint-readers/fixtures/, written by
// tools/stylegan-ref/write_checkpoints.py (checkpoints) and tools/hostile-inputs/make_weights.py
// (hostile/).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const fixture = (name: string): string => path.join(FIXTURES, name);

/** Facts about the checkpoint fixtures (`checkpoints.json`). */
export const expected: { gluonParamCount: number } = JSON.parse(readFileSync(fixture('checkpoints.json'), 'utf8'));

/** A zip with the given entries (method 8 = deflate, 0 = stored), for reader tests. */
export { _makeZip as makeZip } from './fuzz-checkpoint-reader.js';

/** Bytes from a list of numbers / strings (latin1) / Uint8Arrays. */
export function bytes(...parts: (number | string | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (typeof p === 'string') for (const c of p) out.push(c.charCodeAt(0));
    else out.push(...p);
  }
  return Uint8Array.from(out);
}
