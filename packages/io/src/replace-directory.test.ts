import { promises as fs, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replaceDirectory } from './replace-directory.js';

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ganseg-replace-'));
afterAll(() => fs.rm(root, { recursive: true, force: true }));
let k = 0;
const fresh = async () => {
  const d = path.join(root, `p${k++}`);
  await fs.mkdir(d);
  return d;
};
const write = (text: string) => async (tmp: string) => fs.writeFile(path.join(tmp, 'a.txt'), text);
const read = (dir: string) => fs.readFile(path.join(dir, 'a.txt'), 'utf8');

describe('replaceDirectory', () => {
  it('writes, then replaces, leaving only the folder', async () => {
    const p = await fresh();
    const out = path.join(p, 'out');
    await replaceDirectory(out, write('one'));
    await replaceDirectory(out, write('two'));
    expect(await read(out)).toBe('two');
    expect(readdirSync(p)).toEqual(['out']);
  });

  it('a failing fill keeps the old folder, or leaves none when there was none', async () => {
    const p = await fresh();
    const out = path.join(p, 'out');
    const boom = async (tmp: string) => { await fs.writeFile(path.join(tmp, 'a.txt'), 'half'); throw new Error('boom'); };
    await expect(replaceDirectory(out, boom)).rejects.toThrow('boom');
    expect(readdirSync(p)).toEqual([]);
    await replaceDirectory(out, write('one'));
    await expect(replaceDirectory(out, boom)).rejects.toThrow('boom');
    expect(await read(out)).toBe('one');
    expect(readdirSync(p)).toEqual(['out']);
  });

  it('repairs what a kill between the two renames left: the old copy comes back, temps go', async () => {
    const p = await fresh();
    const out = path.join(p, 'out');
    // killed after `out` was renamed aside and before the new folder was renamed in
    await fs.mkdir(path.join(p, '.out.old-1-x'));
    await fs.writeFile(path.join(p, '.out.old-1-x', 'a.txt'), 'old');
    await fs.mkdir(path.join(p, '.out.new-1-x'));
    // leftovers of earlier writers (convert's hidden temp folder and its trash, decoder's temp)
    await fs.mkdir(path.join(p, '.out.tmp-9-abc'));
    await fs.mkdir(path.join(p, '.out.tmp-9-abc.old'));
    await fs.mkdir(path.join(p, 'out.tmp-7-z'));
    const told: string[] = [];
    await expect(replaceDirectory(out, async () => { throw new Error('fails again'); }, { onStale: (m) => told.push(m) })).rejects.toThrow('fails again');
    expect(await read(out)).toBe('old');
    expect(readdirSync(p)).toEqual(['out']);
    expect(told.some((m) => /restored from .*\.out\.old-1-x/.test(m))).toBe(true);
    expect(told.filter((m) => /removed/.test(m))).toHaveLength(4);
    await replaceDirectory(out, write('new'));
    expect(await read(out)).toBe('new');
  });
});
