import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
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
  it('reads 16-bit and 1-bit masks unscaled; refuses a directory, a broken zlib stream and a wrong size, naming the file', async () => {
    const here = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'hostile');
    const exp = JSON.parse(await readFile(join(here, 'expected.json'), 'utf8'));
    for (const name of ['grey16.png', 'grey1.png']) expect(Array.from((await readMaskPng(join(here, name))).data)).toEqual(exp.masks[name]);
    await expect(readMaskPng(join(here, 'broken-zlib.png'))).rejects.toThrow(/broken-zlib\.png is not a readable PNG \(its image data does not inflate/);
    await expect(readMaskPng(join(here, 'huge-claim.png'), { width: 8, height: 6 })).rejects.toThrow(/huge-claim\.png is 30000x30000 but the sample is 8x6/);
    await expect(readMaskPng(here)).rejects.toThrow(/hostile is a directory; expected a mask PNG/);
  });
});
