import { deflateSync } from 'node:zlib';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng } from '@ganseg/io';
import { pngFromChunks } from '@ganseg/test-util';

/** The fixtures folder (written by tools/formats-ref). */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** `fixtures/expected.json`. */
export async function expectedJson(): Promise<any> {
  return JSON.parse(await fs.readFile(path.join(FIXTURES, 'expected.json'), 'utf8'));
}

/** A grey PNG's bytes. */
export async function readGrey(file: string): Promise<{ data: Uint8Array; width: number; height: number }> {
  return decodePng(await fs.readFile(file), { channels: 1 });
}

/** A fresh temporary folder. */
export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'ganseg-formats-'));
}

/** Copies a fixture folder into a fresh temporary folder, to spoil it. */
export async function copyFixture(name: string): Promise<string> {
  const dir = path.join(await tempDir(), name);
  await fs.cp(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** A 16-bit grey PNG (pngjs writes none): `values` row-major. */
export function grey16Png(width: number, height: number, values: number[]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([16, 0, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + 2 * width));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.writeUInt16BE(values[y * width + x], y * (1 + 2 * width) + 1 + 2 * x);
  return pngFromChunks([['IHDR', ihdr], ['IDAT', deflateSync(raw)], ['IEND', new Uint8Array(0)]]);
}
