/**
 * Batch inference speed-up of WorkerPool: a small conv net forward pass over 32 images of
 * 64x64x3, with 1 worker, 2 workers and (if more) one per core. Floor (issue 2): 2 workers >= 1.7x
 * one worker on a two-core machine. Each worker runs its own wasm backend on its own thread.
 * `cores_used` (process CPU time over wall time) shows how many cores the pool actually got, and
 * `control_js_speedup` what plain worker threads running a JS loop get from the machine at that
 * moment: on a machine shared with other jobs both can be far below the worker count.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRng, initBackend, WorkerPool } from '@ganseg/runtime';
import { emit, median, medianMsAsync, round } from './_measure.js';
import { forward, forwardFlops, IMAGE, init } from './_conv-net-worker.js';

const IMAGES = 32;
const FLOOR_SPEEDUP = 1.7;

/**
 * Control: the same split of a pure-JS busy loop over 1 and k plain worker threads, no tfjs. Its
 * speed-up is what the machine lets a process get from k threads right now (on a machine shared
 * with other jobs it can be ~1); the pool cannot beat it.
 */
async function _controlSpeedup(k: number, iterations = 2e8): Promise<number> {
  const code = `const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (n) => { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); parentPort.postMessage(s); });`;
  const timeWith = async (threads: number): Promise<number> => {
    const ws = Array.from({ length: threads }, () => new Worker(code, { eval: true }));
    await Promise.all(ws.map((w) => new Promise((r) => { w.once('online', r); })));
    const t0 = performance.now();
    await Promise.all(ws.map((w) => new Promise((r) => { w.once('message', r); w.postMessage(iterations / threads); })));
    const ms = performance.now() - t0;
    await Promise.all(ws.map((w) => w.terminate()));
    return ms;
  };
  const one: number[] = [];
  const many: number[] = [];
  for (let i = 0; i < 3; i++) {
    one.push(await timeWith(1));
    many.push(await timeWith(k));
  }
  return median(one) / median(many);
}

export async function run(): Promise<void> {
  const backend = (await initBackend()).backend;
  const images = Array.from({ length: IMAGES }, (_, i) => createRng(1000 + i).normalArray(IMAGE.size * IMAGE.size * IMAGE.channels));
  const moduleUrl = new URL('./_conv-net-worker.js', import.meta.url);
  const flops = forwardFlops() * IMAGES;

  // Reference: the same work on the main thread, serially.
  await init(7);
  const serialMs = await medianMsAsync(async () => {
    for (const img of images) forward(img);
  }, 3, 1);
  emit({ name: 'worker_pool_main_thread_32img', backend, median_ms: round(serialMs), images_per_s: round((IMAGES * 1000) / serialMs, 1), gflops: round(flops / serialMs / 1e6, 1) });

  const sizes = [1, 2];
  const cores = os.availableParallelism();
  if (cores > 2) sizes.push(cores);
  const pools = sizes.map((size) => new WorkerPool({ moduleUrl, size, initArg: 7 }));
  await Promise.all(pools.map((p) => p.ready()));
  // Round-robin over the pools, so that load from other processes hits them alike.
  // cores_used = process CPU time (all threads) / wall time: how many cores the pool really got.
  const ts: number[][] = sizes.map(() => []);
  const cpu: number[][] = sizes.map(() => []);
  for (let round_ = 0; round_ < 8; round_++) {
    for (let i = 0; i < pools.length; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      // Copies, because the tasks' buffers are transferred (moved) to the workers.
      await pools[i].map(images.map((image) => ({ image: image.slice() })), (t) => [t.image.buffer as ArrayBuffer]);
      const c1 = process.cpuUsage(c0);
      const wall = performance.now() - t0;
      if (round_ > 0) {
        ts[i].push(wall);
        cpu[i].push((c1.user + c1.system) / 1000 / wall);
      }
    }
  }
  await Promise.all(pools.map((p) => p.close()));
  const control = new Map<number, number>();
  for (const size of sizes.filter((k) => k > 1)) control.set(size, await _controlSpeedup(size));
  const med = ts.map((v) => median(v));
  const best = ts.map((v) => Math.min(...v));
  sizes.forEach((size, i) => {
    const speedup = med[0] / med[i];
    emit({
      name: `worker_pool_${size}w_32img`,
      backend,
      median_ms: round(med[i]),
      best_ms: round(best[i]),
      workers: size,
      cores,
      images_per_s: round((IMAGES * 1000) / med[i], 1),
      gflops: round(flops / med[i] / 1e6, 1),
      speedup_vs_1_worker: round(speedup, 2),
      speedup_best_vs_1_worker: round(best[0] / best[i], 2),
      cores_used: round(median(cpu[i]), 2),
      ...(size === 2 ? { floor_speedup: FLOOR_SPEEDUP, meets_floor: speedup >= FLOOR_SPEEDUP } : {}),
      ...(size > 1 ? { control_js_speedup: round(control.get(size)!, 2) } : {}),
    });
  });
}
