// Test helper (not built): reads packages/stylegan-gluon-converter/fixtures/ (the expected
// outputs) and the checkpoints in packages/checkpoint-readers/fixtures/, both written by
// tools/stylegan-ref/write_checkpoints.py.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
/** The checkpoint files (pickles, `.params`, hostile/), kept beside the readers they test. */
export const CHECKPOINTS = path.resolve(FIXTURES, '..', '..', 'checkpoint-readers', 'fixtures');
/** An expected output of this package, or (for `tiny-*` and `hostile/*`) a checkpoint file. */
export const fixture = (name: string): string =>
  path.join(/^(tiny-|hostile(\/|$))/.test(name) ? CHECKPOINTS : FIXTURES, name);

export interface ExpectedIndex {
  config: Record<string, number>;
  batch: number;
  psi: number;
  cutoff: number;
  numLayers: number;
  activationNames: string[];
  files: Record<string, { file: string; shape: number[] }>;
  reference: { file: string; weights: { name: string; shape: number[] }[] };
  gluonParamCount: number;
}

export const expected: ExpectedIndex = JSON.parse(readFileSync(fixture('expected.json'), 'utf8'));

export function readF32(file: string): Float32Array {
  const buf = readFileSync(fixture(file));
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function expectedArray(key: string): { data: Float32Array; shape: number[] } {
  const f = expected.files[key];
  if (!f) throw new Error(`no expected array ${key}`);
  return { data: readF32(f.file), shape: f.shape };
}

/** The canonical reference weights, by name. */
export function referenceWeights(): Record<string, { shape: number[]; data: Float32Array }> {
  const all = readF32(expected.reference.file);
  const out: Record<string, { shape: number[]; data: Float32Array }> = {};
  let p = 0;
  for (const { name, shape } of expected.reference.weights) {
    const n = shape.reduce((a, b) => a * b, 1);
    out[name] = { shape, data: all.subarray(p, p + n) };
    p += n;
  }
  return out;
}

export { expectRefused as refused } from '@ganseg/checkpoint-readers/testing';
