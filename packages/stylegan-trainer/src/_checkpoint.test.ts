import { promises as fs, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { _loadCheckpoint, _saveCheckpoint } from './_checkpoint.js';

describe('_saveCheckpoint / _loadCheckpoint', () => {
  it('a kill between the two renames loses nothing: the old checkpoint is put back and temps removed', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gan-ck-'));
    try {
      const t = (v: number) => [{ name: 'w', shape: [2], data: Float32Array.of(v, v) }];
      await _saveCheckpoint(dir, { step: 1 }, t(1));
      // what a kill after `checkpoint` was renamed aside and before the new one was renamed in leaves
      await fs.rename(path.join(dir, 'checkpoint'), path.join(dir, '.checkpoint.old-1-100'));
      await fs.mkdir(path.join(dir, '.checkpoint.tmp-1-101'));
      await fs.mkdir(path.join(dir, '.checkpoint.old-1-50'));
      const ck = await _loadCheckpoint(dir);
      expect(ck?.meta).toEqual({ step: 1 });
      expect(Array.from(ck!.tensors.get('w')!.data)).toEqual([1, 1]);
      expect(readdirSync(dir)).toEqual(['checkpoint']);
      await _saveCheckpoint(dir, { step: 2 }, t(2));
      expect((await _loadCheckpoint(dir))?.meta).toEqual({ step: 2 });
      expect(readdirSync(dir)).toEqual(['checkpoint']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
