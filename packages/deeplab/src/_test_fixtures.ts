import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixtures folder (written by tools/deeplab-ref/make_fixtures.py). */
export const _FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Reads a `<prefix>.json` + `<prefix>.bin` pair written by make_fixtures.py's write_raw. */
export function _readRaw(prefix: string): Map<string, { shape: number[]; data: Float32Array }> {
  const meta = JSON.parse(readFileSync(path.join(_FIXTURES, `${prefix}.json`), 'utf8')) as { name: string; shape: number[]; offset: number }[];
  const buf = readFileSync(path.join(_FIXTURES, `${prefix}.bin`));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const m of meta) {
    const n = m.shape.reduce((a, b) => a * b, 1);
    out.set(m.name, { shape: m.shape, data: all.subarray(m.offset, m.offset + n) });
  }
  return out;
}
