import { afterAll, describe, expect, it } from 'vitest';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSynthDataset } from './write-synth-dataset.js';
import { mergeDatasets } from './merge-datasets.js';
import { parseShard } from './parse-shard.js';
import { DatasetError } from './finalize-dataset.js';
import { _fakeRender } from './_test_fake-render.js';
import type { ClassInfo } from '@ganseg/formats';

const classes: ClassInfo[] = [
  { name: 'background', color: [0, 0, 0] },
  { name: 'car', color: [255, 0, 0] },
];
const hashes = { generator: 'g1', decoder: 'd1' };
const tmpRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'synth-'));
afterAll(() => fs.rm(tmpRoot, { recursive: true, force: true }));
let k = 0;
const fresh = () => path.join(tmpRoot, `d${k++}`);

/** Every file under dir (relative path -> bytes), skipping dataset.json (it records options). */
function snapshot(dir: string, skip = ['dataset.json']): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!skip.includes(e.name)) out.set(path.relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

describe('writeSynthDataset', () => {
  it('writes the layout, with a manifest matching the files', async () => {
    const out = fresh();
    const s = await writeSynthDataset({ out, n: 10, seedStart: 5, render: (x) => _fakeRender(x), classes, hashes });
    expect(s).toMatchObject({ written: 10, skipped: 0, kept: 10, dropped: 0 });
    const lines = readFileSync(path.join(out, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seed)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(readdirSync(path.join(out, 'images')).sort()).toEqual(lines.map((l) => `${l.id}.png`));
    expect(readdirSync(path.join(out, 'masks')).sort()).toEqual(lines.map((l) => `${l.id}.png`));
    const first = await _fakeRender(5);
    expect(lines[0].pixels[1]).toBe(first.mask.filter((c) => c === 1).length);
    const info = JSON.parse(readFileSync(path.join(out, 'dataset.json'), 'utf8'));
    expect(info).toMatchObject({ format: 'ganseg-dataset', count: 10, width: 16, height: 12, hashes });
  });

  it('gives byte-identical files whatever the concurrency', async () => {
    const a = fresh();
    const b = fresh();
    await writeSynthDataset({ out: a, n: 12, render: (x) => _fakeRender(x, 2), classes, hashes, concurrency: 1 });
    await writeSynthDataset({ out: b, n: 12, render: (x) => _fakeRender(x, 2), classes, hashes, concurrency: 5 });
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('resumes after a crash and completes with nothing missing or twice', async () => {
    const clean = fresh();
    await writeSynthDataset({ out: clean, n: 15, render: (x) => _fakeRender(x), classes, hashes });
    const out = fresh();
    let calls = 0;
    const crashing = async (seed: number) => {
      if (++calls > 6) throw new Error('simulated crash');
      return _fakeRender(seed);
    };
    await expect(writeSynthDataset({ out, n: 15, render: crashing, classes, hashes })).rejects.toThrow('simulated crash');
    // what a kill -9 can leave: a half-written temp file and an image without its mask or record
    await fs.writeFile(path.join(out, 'images', '.000009.png.tmp-1-x'), 'half');
    await fs.writeFile(path.join(out, 'images', '000009.png'), 'truncated');
    const s = await writeSynthDataset({ out, n: 15, render: (x) => _fakeRender(x), classes, hashes });
    expect(s.skipped).toBe(6);
    expect(s.written).toBe(9);
    expect(snapshot(out)).toEqual(snapshot(clean));
  });

  it('completes after kill -9 at a random moment of a real process', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const dist = path.join(here, '..', 'dist', 'mod.js');
    const script = `
      import { writeSynthDataset } from ${JSON.stringify(dist)};
      const render = async (seed) => { await new Promise(r => setTimeout(r, 3));
        const w = 64, h = 64, image = new Uint8Array(w*h*3).map((_, i) => (i * 31 + seed * 7) & 255),
          mask = new Uint8Array(w*h).map((_, i) => (i + seed) % 2);
        return { seed, width: w, height: h, image, mask, uncertainty: (seed % 10) / 10 }; };
      await writeSynthDataset({ out: process.argv[1], n: 200, render, classes: [{name:'a',color:[0,0,0]},{name:'b',color:[1,1,1]}], hashes: { generator: 'g' } });`;
    const records = (out: string) => {
      try {
        return readdirSync(path.join(out, 'records')).filter((n) => n.endsWith('.json')).length;
      } catch {
        return 0;
      }
    };
    // runs the job; with killAt, kills it with SIGKILL once that many more samples are complete
    const run = (out: string, killAt?: number) =>
      new Promise<number | null>((resolve) => {
        const start = records(out);
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, out], { stdio: 'ignore' });
        const timer = killAt === undefined ? undefined : setInterval(() => {
          if (records(out) >= start + killAt) child.kill('SIGKILL');
        }, 2);
        child.on('exit', (code) => {
          clearInterval(timer);
          resolve(code);
        });
      });
    const clean = fresh();
    expect(await run(clean)).toBe(0);
    const out = fresh();
    for (const more of [17, 41, 60]) {
      expect(await run(out, more)).toBe(null); // killed, not finished
      expect(records(out)).toBeLessThan(200);
    }
    expect(await run(out)).toBe(0);
    expect(snapshot(out)).toEqual(snapshot(clean));
  }, 60_000);

  it('merges 3 shards into what one run writes, and drops the right samples', async () => {
    const one = fresh();
    await writeSynthDataset({ out: one, n: 20, seedStart: 3, render: (x) => _fakeRender(x), classes, hashes, dropUncertain: 0.2 });
    const shards = [0, 1, 2].map(() => fresh());
    for (let i = 0; i < 3; i++) {
      await writeSynthDataset({ out: shards[i], n: 20, seedStart: 3, shard: parseShard(`${i}/3`), render: (x) => _fakeRender(x), classes, hashes, dropUncertain: 0.2 });
    }
    const merged = fresh();
    const r = await mergeDatasets(shards, merged);
    expect(r).toEqual({ count: 16, dropped: 4 });
    expect(snapshot(merged)).toEqual(snapshot(one));
    // the dropped ones are the four most uncertain of all 20 seeds
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => _fakeRender(i + 3)));
    const expected = all.sort((a, b) => b.uncertainty - a.uncertainty || b.seed - a.seed).slice(0, 4).map((s) => s.seed).sort((a, b) => a - b);
    const dropped = readFileSync(path.join(one, 'dropped.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).seed);
    expect(dropped).toEqual(expected);
    const kept = readFileSync(path.join(one, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).seed);
    expect(kept.some((s: number) => expected.includes(s))).toBe(false);
    expect(readdirSync(path.join(one, 'images')).length).toBe(16);
  });

  it('refuses to mix weights on resume and on merge', async () => {
    const a = fresh();
    await writeSynthDataset({ out: a, n: 3, render: (x) => _fakeRender(x), classes, hashes });
    await expect(writeSynthDataset({ out: a, n: 3, render: (x) => _fakeRender(x), classes, hashes: { ...hashes, decoder: 'd2' } })).rejects.toThrow(/decoder hash "d1" \(now "d2"\)/);
    const b = fresh();
    await writeSynthDataset({ out: b, n: 3, seedStart: 3, render: (x) => _fakeRender(x), classes, hashes: { ...hashes, generator: 'g2' } });
    await expect(mergeDatasets([a, b], fresh())).rejects.toThrow(DatasetError);
    await expect(mergeDatasets([a, b], fresh())).rejects.toThrow(/another generator/);
  });

  it('refuses a resume with another decoder or truncation before writing anything, saying what differs', async () => {
    const out = fresh();
    let calls = 0;
    const crashing = async (seed: number) => {
      if (++calls > 4) throw new Error('killed');
      return _fakeRender(seed);
    };
    const run = { truncation: 0.7, cutoff: 8 };
    await expect(writeSynthDataset({ out, n: 12, render: crashing, classes, hashes, run })).rejects.toThrow('killed');
    expect(JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'))).toMatchObject({ hashes, run });
    const before = snapshot(out, []);
    const e = await writeSynthDataset({ out, n: 12, render: (x) => _fakeRender(x), classes, hashes: { ...hashes, decoder: 'd2' }, run: { ...run, truncation: 0.5 } }).catch((x) => x);
    expect(e).toBeInstanceOf(DatasetError);
    expect(e.message).toMatch(/was started by another run \(run\.json\): decoder hash "d1" \(now "d2"\); truncation 0\.7 \(now 0\.5\)\. Resume with the same generator, decoder and options, or write to a new output folder/);
    expect(snapshot(out, [])).toEqual(before); // nothing written, nothing finalised
    await expect(writeSynthDataset({ out, n: 12, render: (x) => _fakeRender(x), classes: [classes[0], { name: 'bus', color: [0, 0, 255] }], hashes, run })).rejects.toThrow(/classes \[\["background",\[0,0,0\]\],\["car"/);
    // the same run resumes
    const s = await writeSynthDataset({ out, n: 12, render: (x) => _fakeRender(x), classes, hashes, run });
    expect(s.skipped).toBe(4);
    expect(s.written).toBe(8);
  });

  it('refuses a folder holding samples without run.json', async () => {
    const out = fresh();
    await writeSynthDataset({ out, n: 2, render: (x) => _fakeRender(x), classes, hashes });
    await fs.rm(path.join(out, 'run.json'));
    await expect(writeSynthDataset({ out, n: 4, render: (x) => _fakeRender(x), classes, hashes })).rejects.toThrow(/holds samples but no run\.json/);
  });

  it('refuses to merge shards of runs with other options, and carries run.json into the merge', async () => {
    const run = { truncation: 0.7, cutoff: 8 };
    const a = fresh();
    const b = fresh();
    await writeSynthDataset({ out: a, n: 4, shard: parseShard('0/2'), render: (x) => _fakeRender(x), classes, hashes, run });
    await writeSynthDataset({ out: b, n: 4, shard: parseShard('1/2'), render: (x) => _fakeRender(x), classes, hashes, run: { ...run, truncation: 1 } });
    await expect(mergeDatasets([a, b], fresh())).rejects.toThrow(/run\.json .*"truncation":1.* differs from .*"truncation":0\.7/);
    const c = fresh();
    await writeSynthDataset({ out: c, n: 4, shard: parseShard('1/2'), render: (x) => _fakeRender(x), classes, hashes, run });
    const m = fresh();
    await mergeDatasets([a, c], m);
    expect(JSON.parse(readFileSync(path.join(m, 'run.json'), 'utf8')).run).toEqual(run);
  });
});
