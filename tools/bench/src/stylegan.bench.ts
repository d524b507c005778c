/**
 * StyleGAN generation speed: images/s of `generate` (mapping + truncation + synthesis, batch 1,
 * official FFHQ widths, random official-init weights) on the active tfjs backend, and the PyTorch
 * CPU twin (tools/stylegan-ref/torch_twin.py, same formulas) in the same run at the same thread
 * count (1: wasm runs one thread a worker). One JSON line each:
 * {name, backend, median_ms, images_per_s, ratio_vs_torch, ...}; ratio_vs_torch = our images/s over
 * PyTorch's (> 1: faster), from wall time; ratio_cpu_vs_torch the same from process CPU time.
 *
 * Then the same with the worker pool (one wasm backend a worker, one image a task, as synthesis
 * runs) against PyTorch with as many threads as workers: `stylegan-generate-<res>-pool<k>`.
 *
 * Env: GANSEG_BENCH_STYLEGAN_RES (default "256"; e.g. "256,1024"), GANSEG_BENCH_ITERS (default 5),
 * GANSEG_BENCH_POOL (workers; default os.availableParallelism(); 0 skips the pool run),
 * GANSEG_PYTHON (default /usr/bin/python3).
 *
 * This module is also the pool's worker body (`init` + `handle` below).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, WorkerPool } from '@ganseg/runtime';
import { createConfig, latentFromSeed, StyleGAN } from '@ganseg/stylegan';
import { timeGenerate } from './_measure.js';

const _TWIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'stylegan-ref', 'torch_twin.py');

function _median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function _torch(resolution: number, iters: number, threads = 1): { median_ms: number; median_cpu_ms: number } | { error: string } {
  const py = process.env.GANSEG_PYTHON ?? '/usr/bin/python3';
  const r = spawnSync(py, [_TWIN, '--bench', '--resolution', String(resolution), '--threads', String(threads), '--iters', String(iters)], { encoding: 'utf8' });
  if (r.status !== 0) return { error: (r.stderr || r.error?.message || 'failed').trim().split('\n').slice(-1)[0] };
  return JSON.parse(r.stdout.trim().split('\n').slice(-1)[0]);
}

let _workerGen: StyleGAN | null = null;

/** Worker body: builds the generator once. @param arg The resolution. */
export async function init(arg: { resolution: number }): Promise<void> {
  await initBackend();
  _workerGen = StyleGAN.random(createConfig({ resolution: arg.resolution }), 0);
}

/** Worker body: one image a task. @param task The seed. @returns Its first pixel (so nothing is optimised away). */
export async function handle(task: { seed: number }): Promise<number> {
  const gen = _workerGen as StyleGAN;
  const z = tf.tensor2d(latentFromSeed(task.seed, gen.config.latentSize), [1, gen.config.latentSize]);
  const out = gen.generate({ z, truncation: 0.7 });
  const first = (await out.image.data())[0];
  tf.dispose([z, out.image, out.wplus]);
  return first;
}

async function _pool(resolution: number, iters: number, size: number): Promise<void> {
  const pool = new WorkerPool({ moduleUrl: new URL(import.meta.url), size, initArg: { resolution } });
  try {
    await pool.map(Array.from({ length: size }, (_, i) => ({ seed: i }))); // starts and warms every worker
    const n = size * iters;
    const t0 = performance.now();
    await pool.map(Array.from({ length: n }, (_, i) => ({ seed: 1000 + i })));
    const perImage = (performance.now() - t0) / n;
    const torch = _torch(resolution, iters, size);
    const torchMs = 'median_ms' in torch ? torch.median_ms : null;
    process.stdout.write(
      `${JSON.stringify({
        name: `stylegan-generate-${resolution}-pool${size}`,
        backend: 'wasm',
        median_ms: Math.round(perImage * 10) / 10, // wall time per image over the pool (mean)
        images_per_s: Math.round((1000 / perImage) * 1000) / 1000,
        ratio_vs_torch: torchMs === null ? null : Math.round((torchMs / perImage) * 1000) / 1000,
        torch_median_ms: torchMs,
        ...('error' in torch ? { torch_error: torch.error } : {}),
        threads: size,
      })}\n`,
    );
  } finally {
    await pool.close();
  }
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const info = await initBackend();
  const resolutions = (process.env.GANSEG_BENCH_STYLEGAN_RES ?? '256').split(',').map(Number);
  const iters = Number(process.env.GANSEG_BENCH_ITERS ?? 5);
  for (const resolution of resolutions) {
    const cfg = createConfig({ resolution });
    const gen = StyleGAN.random(cfg, 0);
    const { wallMs: times, cpuMs: cpuTimes } = await timeGenerate(gen, iters);
    gen.dispose();
    const ours = _median(times);
    const torch = _torch(resolution, iters);
    const torchMs = 'median_ms' in torch ? torch.median_ms : null;
    const cpuMs = _median(cpuTimes);
    const torchCpuMs = 'median_cpu_ms' in torch ? torch.median_cpu_ms : null;
    process.stdout.write(
      `${JSON.stringify({
        name: `stylegan-generate-${resolution}`,
        backend: info.backend,
        median_ms: Math.round(ours * 10) / 10,
        images_per_s: Math.round((1000 / ours) * 1000) / 1000,
        ratio_vs_torch: torchMs === null ? null : Math.round((torchMs / ours) * 1000) / 1000,
        torch_median_ms: torchMs,
        // CPU time of the process: steadier than wall time on a shared machine
        median_cpu_ms: Math.round(cpuMs * 10) / 10,
        torch_median_cpu_ms: torchCpuMs,
        ratio_cpu_vs_torch: torchCpuMs === null ? null : Math.round((torchCpuMs / cpuMs) * 1000) / 1000,
        ...('error' in torch ? { torch_error: torch.error } : {}),
        threads: 1,
      })}\n`,
    );
    const size = Number(process.env.GANSEG_BENCH_POOL ?? (os.availableParallelism?.() ?? os.cpus().length));
    if (size > 0) await _pool(resolution, iters, size);
  }
}
