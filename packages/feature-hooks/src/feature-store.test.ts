import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRng } from '@ganseg/runtime';
import { FeatureStore } from './feature-store.js';

const map = (seed: number, shape: [number, number, number]) => ({ shape, data: createRng(seed).normalArray(shape[0] * shape[1] * shape[2]) });

describe('FeatureStore', () => {
  it('keeps samples in memory up to the budget, streams the rest to disk, and reads both back', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fs-test-'));
    const store = new FeatureStore({ budgetBytes: 2 * (8 * 8 * 4 + 4 * 4 * 8) * 4, dir });
    const samples = [0, 1, 2, 3].map((s) => [map(s, [8, 8, 4]), map(s + 10, [4, 4, 8])]);
    for (let i = 0; i < 4; i++) await store.put(`s${i}`, samples[i]);
    expect(store.isOnDisk('s0')).toBe(false);
    expect(store.isOnDisk('s1')).toBe(false);
    expect(store.isOnDisk('s2')).toBe(true);
    expect((await fs.readdir(dir)).sort()).toEqual(['s2.bin', 's3.bin']);
    expect((await fs.stat(path.join(dir, 's3.bin'))).size).toBe((256 + 128) * 4);
    for (let i = 0; i < 4; i++) {
      const got = await store.get(`s${i}`);
      expect(got[1].shape).toEqual([4, 4, 8]);
      expect(Array.from(got[0].data)).toEqual(Array.from(samples[i][0].data));
      expect(Array.from(got[1].data)).toEqual(Array.from(samples[i][1].data));
    }
    await store.clear();
    expect(await fs.readdir(dir)).toEqual([]);
    expect(store.bytesInMemory + store.bytesOnDisk).toBe(0);
    await fs.rm(dir, { recursive: true });
  });

  it('float16 halves the bytes and rounds within half precision', async () => {
    const store = new FeatureStore({ budgetBytes: 600, dtype: 'float16' });
    const a = map(5, [8, 8, 4]);
    a.data[0] = 70000; // overflows half: infinity
    a.data[1] = 1e-8; // underflows to zero
    await store.put('a', [a]);
    await store.put('b', [a]);
    expect(store.bytesInMemory).toBe(512);
    expect(store.bytesOnDisk).toBe(512);
    for (const id of ['a', 'b']) {
      const [got] = await store.get(id);
      expect(got.data[0]).toBe(Infinity);
      expect(got.data[1]).toBe(0);
      for (let i = 2; i < a.data.length; i++) expect(Math.abs(got.data[i] - a.data[i])).toBeLessThanOrEqual(Math.abs(a.data[i]) * 2 ** -11 + 2 ** -24);
    }
    await store.clear();
  });
});
