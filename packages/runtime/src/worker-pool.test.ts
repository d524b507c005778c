import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelDiff } from '@ganseg/test-util';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { initBackend } from './init-backend.js';
import { createRng } from './create-rng.js';
import { WorkerPool } from './worker-pool.js';
import { WorkerPoolError } from './worker-pool-error.js';

// The worker body is the built dist/_worker-entry.js: `turbo run test` builds first.
const moduleUrl = new URL('../test-fixtures/conv-worker.mjs', import.meta.url);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const images = Array.from({ length: 6 }, (_, i) => createRng(100 + i).normalArray(24 * 24 * 3));

let pool: WorkerPool;

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  pool = new WorkerPool({ moduleUrl, size: 2, initArg: 11 });
  expect(await pool.ready()).toEqual(['wasm', 'wasm']);
}, 60_000);

afterAll(async () => {
  await pool.close();
});

describe('WorkerPool', () => {
  it('returns, in task order, what the module computes serially', async () => {
    const fixture = (await import(moduleUrl.href)) as { init(seed: number): Promise<void>; forward(img: Float32Array, size: number): Float32Array };
    await fixture.init(11);
    const serial = images.map((img) => fixture.forward(img, 24));
    const parallel = await pool.map<Float32Array>(images.map((image) => ({ image, size: 24 })));
    expect(parallel.length).toBe(serial.length);
    parallel.forEach((p, i) => {
      expect(p.length).toBe(12 * 12 * 8);
      expect(maxRelDiff(p, serial[i])).toBeLessThan(1e-6);
    });
    // Different images give different results, so order is really checked.
    expect(maxRelDiff(parallel[0], parallel[1])).toBeGreaterThan(1e-2);
  });

  it("rejects with the worker's own message, and keeps working afterwards", async () => {
    const bad = pool.run({ fail: 'decoder weights missing: head/kernel' });
    await expect(bad).rejects.toBeInstanceOf(WorkerPoolError);
    await expect(bad).rejects.toMatchObject({ kind: 'task', message: 'decoder weights missing: head/kernel' });
    const mixed = await Promise.allSettled([pool.run({ image: images[0], size: 24 }), pool.run({ fail: 'x' }), pool.run({ image: images[1], size: 24 })]);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('moves transferred buffers both ways', async () => {
    const buffer = new Float32Array(1000).buffer;
    const out = await pool.run<{ length: number; backend: string }>({ echoLength: true, buffer }, [buffer]);
    expect(out).toEqual({ length: 4000, backend: 'wasm' });
    expect(buffer.byteLength).toBe(0); // moved, not copied
    const r = await pool.run<Float32Array>({ image: images[2], size: 24, transfer: true });
    expect(r).toBeInstanceOf(Float32Array);
    expect(r.length).toBe(12 * 12 * 8);
  });

  it('reports a worker that dies mid-task, and an init failure', async () => {
    const p = new WorkerPool({ moduleUrl, size: 1, initArg: 1 });
    await expect(p.run({ exit: true })).rejects.toMatchObject({ kind: 'crash' });
    await p.close();
    const q = new WorkerPool({ moduleUrl: new URL('../test-fixtures/no-handle-worker.mjs', import.meta.url), size: 1 });
    await expect(q.ready()).rejects.toMatchObject({ kind: 'init', message: expect.stringMatching(/no-handle-worker\.mjs does not export a function "handle\(task\)"/) });
    await expect(q.run({})).rejects.toMatchObject({ kind: 'init' });
    await q.close();
    expect(q.liveWorkers).toBe(0);
  }, 60_000);

  it('closes: tasks queued before close finish, later ones are refused, no thread is left', async () => {
    const p = new WorkerPool({ moduleUrl, size: 2, initArg: 3 });
    const pending = p.map(images.slice(0, 4).map((image) => ({ image, size: 24 })));
    const closed = p.close();
    await expect(p.run({})).rejects.toMatchObject({ kind: 'closed' });
    expect((await pending).length).toBe(4);
    await closed;
    expect(p.liveWorkers).toBe(0);
    expect(p.size).toBe(2);
    expect(new WorkerPool({ moduleUrl, size: 1 }).size).toBe(1);
  }, 60_000);

  it('lets the process exit after close (and even when close is forgotten, once idle)', () => {
    for (const close of ['await pool.close();', '']) {
      const script = `
        import { WorkerPool } from './dist/mod.js';
        const pool = new WorkerPool({ moduleUrl: './test-fixtures/conv-worker.mjs', size: 2, initArg: 5 });
        const out = await pool.map([0, 1, 2].map(() => ({ image: new Float32Array(8 * 8 * 3), size: 8 })));
        console.log('done', out.length, pool.size);
        ${close}
        ${close ? "console.log('after close');" : ''}`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkgDir, timeout: 30_000, encoding: 'utf8' });
      expect(r.error).toBeUndefined(); // a timeout (a hanging worker) would set ETIMEDOUT
      expect(r.stdout).toContain('done 3 2');
      if (close) expect(r.stdout).toContain('after close'); // close() itself keeps the caller alive until it resolves
      expect(r.status).toBe(0);
    }
  }, 70_000);

  it('defaults to one worker per core', () => {
    const p = new WorkerPool({ moduleUrl });
    expect(p.size).toBe(os.availableParallelism());
    return p.close();
  }, 60_000);
});
