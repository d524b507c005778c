import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { _tempName } from './_temp-name.js';
import { removeStaleTemps } from './remove-stale-temps.js';

describe('removeStaleTemps', () => {
  it('removes what an interrupted atomicWriteFile leaves, and nothing else', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ganseg-io-'));
    await fs.writeFile(_tempName(path.join(dir, '000001.png')), 'half');
    await fs.writeFile(path.join(dir, '.000009.png.tmp-1-x'), 'half');
    for (const keep of ['000001.png', '.hidden', 'a.tmp-1', 'b.tmp']) await fs.writeFile(path.join(dir, keep), 'x');
    expect(await removeStaleTemps(dir)).toBe(2);
    expect((await fs.readdir(dir)).sort()).toEqual(['.hidden', '000001.png', 'a.tmp-1', 'b.tmp']);
    expect(await removeStaleTemps(dir)).toBe(0);
  });

  it('counts a missing folder as empty', async () => {
    expect(await removeStaleTemps(path.join(os.tmpdir(), 'ganseg-io-does-not-exist', 'x'))).toBe(0);
  });
});
