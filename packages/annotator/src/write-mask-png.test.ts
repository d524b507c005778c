import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { writeMaskPng } from './write-mask-png.js';

describe('writeMaskPng', () => {
  it('writes an 8-bit greyscale PNG whose grey values are the class ids, leaving no temp file', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'ganseg-mask-')), 'masks');
    const data = Uint8Array.from([0, 1, 2, 255, 7, 0]);
    await writeMaskPng(join(dir, 'a.png'), { width: 3, height: 2, data });
    const bytes = await readFile(join(dir, 'a.png'));
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height, (png as unknown as { colorType: number }).colorType, (png as unknown as { depth: number }).depth]).toEqual([3, 2, 0, 8]);
    expect(Array.from({ length: 6 }, (_, i) => png.data[4 * i])).toEqual(Array.from(data));
    expect(await readdir(dir)).toEqual(['a.png']);
    await expect(writeMaskPng(join(dir, 'b.png'), { width: 3, height: 3, data })).rejects.toThrow(RangeError);
  });
});
