import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceError } from './workspace-error.js';
import { readClasses } from './read-classes.js';

async function ws(text?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ganseg-classes-'));
  if (text !== undefined) await writeFile(join(dir, 'classes.json'), text);
  return dir;
}

describe('readClasses', () => {
  it('reads names and colours; ignore is 255', async () => {
    const dir = await ws('{"classes":[{"name":"background","color":[0,0,0]},{"name":"hair","color":[255,0,0]}]}');
    expect(await readClasses(dir)).toEqual({
      classes: [{ name: 'background', color: [0, 0, 0] }, { name: 'hair', color: [255, 0, 0] }],
      ignore: 255,
    });
  });
  it.each([
    [undefined, /classes\.json is missing/],
    ['{', /not valid JSON/],
    ['{"classes":{}}', /key "classes" must be an array/],
    ['{"classes":[]}', /0 entries, expected 1 to 255/],
    ['{"classes":[{"name":"a","color":[0,0,0]}],"ignore":0}', /"ignore" is 0, expected 255/],
    ['{"classes":[{"name":"","color":[0,0,0]}]}', /classes\[0\]\.name/],
    ['{"classes":[{"name":"a","color":[0,0,0]},{"name":"b","color":[0,256,0]}]}', /classes\[1\]\.color .* found \[0,256,0\]/],
  ])('refuses %s', async (text, msg) => {
    const p = readClasses(await ws(text));
    await expect(p).rejects.toThrow(WorkspaceError);
    await expect(p).rejects.toThrow(msg);
  });
});
