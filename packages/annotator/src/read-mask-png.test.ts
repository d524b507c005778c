import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readMaskPng } from './read-mask-png.js';
import { writeMaskPng } from './write-mask-png.js';

describe('readMaskPng', () => {
  it('reads back what writeMaskPng wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ganseg-mask-'));
    const data = Uint8Array.from([3, 255, 0, 1]);
    await writeMaskPng(join(dir, 'a.png'), { width: 2, height: 2, data });
    expect(await readMaskPng(join(dir, 'a.png'))).toEqual({ width: 2, height: 2, data });
  });
  it('refuses an RGB PNG and a non-PNG, naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ganseg-mask-'));
    await writeFile(join(dir, 'rgb.png'), PNG.sync.write(new PNG({ width: 2, height: 2 })));
    await expect(readMaskPng(join(dir, 'rgb.png'))).rejects.toThrow(/rgb\.png is a PNG of colour type 6, bit depth 8; expected a class-index mask/);
    await writeFile(join(dir, 'x.png'), 'nope');
    await expect(readMaskPng(join(dir, 'x.png'))).rejects.toThrow(/x\.png is not a readable PNG/);
  });
});
