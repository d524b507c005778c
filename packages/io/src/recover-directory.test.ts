import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverDirectory } from './recover-directory.js';

describe('recoverDirectory', () => {
  it('puts a lone old copy back (every writer layout), removes the rest, says what it did', async () => {
    for (const oldName of ['.gen.old-1-a', 'gen.old-1-a', '.gen.tmp-1-a.old']) {
      const root = mkdtempSync(path.join(os.tmpdir(), 'io-recover-'));
      try {
        mkdirSync(path.join(root, oldName));
        writeFileSync(path.join(root, oldName, 'model.json'), 'old');
        mkdirSync(path.join(root, '.gen.tmp-2-b'));
        mkdirSync(path.join(root, 'gen.tmp-3-c'));
        mkdirSync(path.join(root, '.gen.new-4-d'));
        const told: string[] = [];
        expect(await recoverDirectory(path.join(root, 'gen'), { onStale: (m) => told.push(m) })).toBe(true);
        expect(readdirSync(root)).toEqual(['gen']);
        expect(readFileSync(path.join(root, 'gen', 'model.json'), 'utf8')).toBe('old');
        expect(told).toHaveLength(4);
        expect(await recoverDirectory(path.join(root, 'gen'))).toBe(false);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  });
});
