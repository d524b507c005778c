// Test helper (not built): the PNGs written by tools/hostile-inputs/make_images.py.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOSTILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'hostile');
export const hostilePng = (name: string): Buffer => readFileSync(path.join(HOSTILE, name));
export const hostileExpected: { width: number; height: number; colors: number[][]; masks: Record<string, number[]> } = JSON.parse(
  readFileSync(path.join(HOSTILE, 'expected.json'), 'utf8'),
);
