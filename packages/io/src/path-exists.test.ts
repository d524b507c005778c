import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathExists } from './path-exists.js';

describe('pathExists', () => {
  it('is true for a file and a folder, false for a missing path', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ganseg-io-'));
    await fs.writeFile(path.join(dir, 'f'), '');
    expect(await pathExists(path.join(dir, 'f'))).toBe(true);
    expect(await pathExists(dir)).toBe(true);
    expect(await pathExists(path.join(dir, 'missing'))).toBe(false);
    expect(await pathExists(path.join(dir, 'f', 'below-a-file'))).toBe(false);
  });
});
