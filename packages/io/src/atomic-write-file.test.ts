import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWriteFile } from './atomic-write-file.js';

const tmpRoot = () => fs.mkdtemp(path.join(os.tmpdir(), 'ganseg-io-'));

describe('atomicWriteFile', () => {
  it('writes bytes and strings, replaces an existing file, and leaves no temporary file', async () => {
    const dir = await tmpRoot();
    const file = path.join(dir, 'a.json');
    await atomicWriteFile(file, '{"a":1}\n');
    expect(await fs.readFile(file, 'utf8')).toBe('{"a":1}\n');
    await atomicWriteFile(file, Uint8Array.of(1, 2, 3));
    expect(Array.from(await fs.readFile(file))).toEqual([1, 2, 3]);
    expect(await fs.readdir(dir)).toEqual(['a.json']);
  });

  it('writes views into larger buffers as their own bytes', async () => {
    const dir = await tmpRoot();
    await atomicWriteFile(path.join(dir, 'v.bin'), Uint8Array.of(9, 8, 7, 6).subarray(1, 3));
    expect(Array.from(await fs.readFile(path.join(dir, 'v.bin')))).toEqual([8, 7]);
  });

  it('rethrows the fs error (code kept) for a missing folder', async () => {
    const dir = await tmpRoot();
    await expect(atomicWriteFile(path.join(dir, 'nope', 'a.txt'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('removes its temporary file when the rename fails', async () => {
    const dir = await tmpRoot();
    const target = path.join(dir, 'taken');
    await fs.mkdir(target);
    await fs.writeFile(path.join(target, 'inside'), 'x'); // renaming a file over a non-empty folder fails
    await expect(atomicWriteFile(target, 'data')).rejects.toThrow();
    expect(await fs.readdir(dir)).toEqual(['taken']);
  });
});
