/**
 * Batch inference speed-up of WorkerPool: a small conv net forward pass over 32 images of
 * 64x64x3, with 1 worker, 2 workers and (if more) one per core. Floor (issue 2): 2 workers >= 1.7x
 * one worker on a two-core machine. Each worker runs its own wasm backend on its own thread.
 * `cores_used` (process CPU time over wall time) shows how many cores the pool actually got: on a
 * machine shared with other jobs it can be well below the worker count, and the speed-up with it.
 */
import os from 'node:os';
import { createRng, initBackend, WorkerPool } from '@ganseg/runtime';
import { emit, median, medianMsAsync, round } from './_measure.js';
import { forward, forwardFlops, IMAGE, init } from './_conv-net-worker.js';

const IMAGES = 32;
const FLOOR_SPEEDUP = 1.7;

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
    });
  });
}
