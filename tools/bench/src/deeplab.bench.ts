/**
 * DeepLabV3+ training and inference speed on the active tfjs backend (wasm here: one thread a worker), and
 * the PyTorch CPU twin (tools/torch-bench/deeplab_step.py: the same network and SGD step) in the
 * same run at the same thread count. One JSON line a case:
 * {name, backend, median_ms, median_cpu_ms, images_per_s, torch_median_ms, torch_median_cpu_ms,
 *  ratio_vs_torch, ratio_cpu_vs_torch, floor, ...}; ratio = PyTorch's time over ours (> 1: we are
 * faster), from wall time and from process CPU time (the CPU ratio is the fair one on a shared
 * machine). floor: the lowest acceptable ratio (0.5, for the ResNet-50 training step).
 *
 * Cases: `deeplab-train-resnet50-256-b4-pool2` (the paper's network, batch 4, 256x256, one SGD
 * step, data-parallel over 2 worker threads; PyTorch with 2 threads) and the small configurations
 * a demo can afford (ResNet-18 at width 0.25 and 0.125, 65x65, batch 16): training step on one
 * thread and on 2 workers, eval forward on one thread. Threads: ours = workers, PyTorch =
 * set_num_threads, the same number in each case.
 *
 * Env: GANSEG_BENCH_DEEPLAB_BIG=0 skips the ResNet-50 case (minutes), =all adds ResNet-50 batch 2
 * on one thread; GANSEG_BENCH_DEEPLAB_SMALL=0 skips the small cases;
 * GANSEG_BENCH_ITERS (timed steps after one warm-up; default 2 for ResNet-50, 5 for the small ones);
 * GANSEG_PYTHON (default /usr/bin/python3).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, initBackend } from '@ganseg/runtime';
import { setNativeThreads } from '@ganseg/native';
import { loadavg } from 'node:os';

/** The slice of @ganseg/deeplab this benchmark uses (loaded at run time; see _deeplab). */
interface _DeepLabLike {
  forward(x: tf.Tensor4D, o?: { training?: boolean }): tf.Tensor4D;
  dispose(): void;
}
interface _DeepLabModule {
  createDeepLab(c: { numClasses: number; backbone: string; width: number; outputStride: 8 | 16 }, o?: { seed?: number }): _DeepLabLike;
  createTrainStep(m: _DeepLabLike, o?: { wd?: number; momentum?: number; workers?: number }): {
    run(x: Float32Array, y: Int32Array, shape: [number, number, number], lr: number): Promise<number>;
    dispose(): Promise<void>;
  };
}

const _HERE = path.dirname(fileURLToPath(import.meta.url));
const _TWIN = path.resolve(_HERE, '..', '..', 'torch-bench', 'deeplab_step.py');

/** @ganseg/deeplab by name, else from the workspace (tools/bench does not list it as a dependency yet). */
async function _deeplab(): Promise<_DeepLabModule> {
  const name = '@ganseg/deeplab';
  try {
    return (await import(name)) as _DeepLabModule;
  } catch {
    const file = path.resolve(_HERE, '..', '..', '..', 'packages', 'deeplab', 'dist', 'mod.js');
    if (!existsSync(file)) throw new Error(`deeplab bench: build packages/deeplab first (${file} is missing).`);
    return (await import(pathToFileURL(file).href)) as _DeepLabModule;
  }
}

interface _Case {
  name: string;
  backbone: string;
  width: number;
  os: 8 | 16;
  batch: number;
  size: number;
  classes: number;
  mode: 'train' | 'forward';
  iters: number;
  /** Threads, ours and PyTorch's: worker threads (one OpenMP thread each) or, with `omp`, OpenMP threads of one process. */
  threads: number;
  omp?: boolean;
  floor?: number;
}

function _median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function _r(v: number | null, d = 3): number | null {
  return v === null ? null : Math.round(v * 10 ** d) / 10 ** d;
}

function _torch(c: _Case): { median_ms: number; median_cpu_ms: number } | { error: string } {
  const py = process.env.GANSEG_PYTHON ?? '/usr/bin/python3';
  const r = spawnSync(py, [_TWIN, JSON.stringify(c), '--threads', String(c.threads)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || r.error?.message || 'failed').trim().split('\n').slice(-1)[0] };
  return JSON.parse(r.stdout.trim().split('\n').slice(-1)[0]) as { median_ms: number; median_cpu_ms: number };
}

async function _ours(dl: _DeepLabModule, c: _Case): Promise<{ ms: number; cpu: number }> {
  const model = dl.createDeepLab({ numClasses: c.classes, backbone: c.backbone, width: c.width, outputStride: c.os }, { seed: 0 });
  const rng = createRng(0);
  const x = rng.normalArray(c.batch * c.size * c.size * 3);
  const y = Int32Array.from(rng.uniformArray(c.batch * c.size * c.size), (u) => Math.floor(u * c.classes));
  // the main thread's oneDNN threads: as many as PyTorch's when one process runs the step
  setNativeThreads(c.omp ? c.threads : 1);
  const step = dl.createTrainStep(model, { wd: 1e-4, momentum: 0.9, workers: c.omp ? 1 : c.threads });
  const xt = tf.tensor4d(x, [c.batch, c.size, c.size, 3]);
  const ts: number[] = [];
  const cpu: number[] = [];
  try {
    for (let i = 0; i <= c.iters; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      if (c.mode === 'train') {
        await step.run(x, y, [c.batch, c.size, c.size], 0.01);
      } else {
        const out = tf.tidy(() => tf.argMax(model.forward(xt), 3));
        await out.data();
        out.dispose();
      }
      const dt = performance.now() - t0;
      const dc = process.cpuUsage(c0);
      if (i > 0) {
        ts.push(dt);
        cpu.push((dc.user + dc.system) / 1000);
      }
    }
  } finally {
    xt.dispose();
    await step.dispose();
    model.dispose();
  }
  return { ms: _median(ts), cpu: _median(cpu) };
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const info = await initBackend();
  const dl = await _deeplab();
  const it = process.env.GANSEG_BENCH_ITERS;
  const cases: _Case[] = [];
  const big = process.env.GANSEG_BENCH_DEEPLAB_BIG ?? '1';
  const r50 = { backbone: 'resnet50', width: 1, os: 16 as const, size: 256, classes: 21, mode: 'train' as const, iters: Number(it ?? 2) };
  if (big !== '0') {
    // Plain wasm cannot hold batch 4 at 256x256 in one instance (4 GB of wasm memory): two workers,
    // two images each. With the oneDNN kernels one process holds it (the -omp2 case below), and
    // is faster: the workers' 160 MB of gradients a step cross threads through JS.
    cases.push({ ...r50, name: 'deeplab-train-resnet50-256-b4-pool2', batch: 4, threads: 2, floor: info.native.enabled ? undefined : 0.5 });
  }
  if (big === 'all') cases.push({ ...r50, name: 'deeplab-train-resnet50-256-b2', batch: 2, threads: 1 });
  // One process, two OpenMP threads (the alternative to two workers where the native kernels run).
  if (big !== '0' && info.native.enabled) {
    cases.push({ ...r50, name: 'deeplab-train-resnet50-256-b4-omp2', batch: 4, threads: 2, omp: true, floor: 1 });
    cases.push({ ...r50, name: 'deeplab-train-resnet50-256-b2-omp2', batch: 2, threads: 2, omp: true });
  }
  for (const width of process.env.GANSEG_BENCH_DEEPLAB_SMALL === '0' ? [] : [0.25, 0.125]) {
    const small = { backbone: 'resnet18', width, os: 16 as const, batch: 16, size: 65, classes: 3, iters: Number(it ?? 5) };
    cases.push({ ...small, name: `deeplab-train-resnet18-w${width}-65-b16`, mode: 'train', threads: 1 });
    cases.push({ ...small, name: `deeplab-train-resnet18-w${width}-65-b16-pool2`, mode: 'train', threads: 2 });
    cases.push({ ...small, name: `deeplab-forward-resnet18-w${width}-65-b16`, mode: 'forward', threads: 1 });
  }
  for (const c of cases) {
    const ours = await _ours(dl, c);
    const torch = _torch(c);
    const t = 'median_ms' in torch ? torch : null;
    process.stdout.write(
      `${JSON.stringify({
        name: c.name,
        backend: info.native.enabled ? 'wasm+onednn' : info.backend,
        median_ms: _r(ours.ms, 1),
        median_cpu_ms: _r(ours.cpu, 1),
        images_per_s: _r((1000 * c.batch) / ours.ms),
        images_per_cpu_s: _r((1000 * c.batch) / ours.cpu),
        torch_median_ms: t ? t.median_ms : null,
        torch_median_cpu_ms: t ? t.median_cpu_ms : null,
        ratio_vs_torch: t ? _r(t.median_ms / ours.ms) : null,
        ratio_cpu_vs_torch: t ? _r(t.median_cpu_ms / ours.cpu) : null,
        ...(c.floor !== undefined ? { floor: c.floor } : {}),
        ...('error' in torch ? { torch_error: torch.error } : {}),
        threads: c.threads,
        workers: c.omp ? 1 : c.threads,
        batch: c.batch,
        loadavg: _r(loadavg()[0], 2),
        size: c.size,
      })}\n`,
    );
  }
}
