import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { latentFromSeed, type StyleGAN } from '@ganseg/stylegan';

/** One benchmark result line. */
export interface BenchLine {
  name: string;
  backend: string;
  median_ms: number;
  [figure: string]: unknown;
}

/** Prints one JSON object a line (the bench output format). */
export function emit(line: BenchLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Rounds for printing. */
export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * Makes sure the work behind `list` is done. On wasm and cpu a kernel has finished when it
 * returns, so nothing is read: reading back copies the output into fresh JS memory (1 MB took
 * ~3.7 ms on this project's VM, mostly page faults), which is not the op's cost and which
 * PyTorch's twins do not pay. Other backends (webgl, tensorflow) are read with dataSync.
 */
function _finish(list: tf.Tensor[]): void {
  const b = tf.getBackend();
  if (b === 'wasm' || b === 'cpu') return;
  for (const t of list) t.dataSync();
}

/**
 * Median wall time of `fn` over `runs` runs after `warmup` runs. `fn` returns the tensors it made;
 * each run finishes them (see _finish, outside any tidy), then frees them.
 */
export function medianMs(fn: () => tf.Tensor | tf.Tensor[], runs = 7, warmup = 2): number {
  const ts: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    const out = fn();
    const list = Array.isArray(out) ? out : [out];
    _finish(list);
    const dt = performance.now() - t0;
    tf.dispose(list);
    if (i >= warmup) ts.push(dt);
  }
  return _median(ts);
}

/** Median and best (minimum) time of each op. */
export interface Timing {
  median_ms: number;
  best_ms: number;
  /** Median CPU time of the process during a run: close to the op's own time even on a busy machine. */
  cpu_ms: number;
}

/**
 * Times several ops round-robin (one run of each per round), so that load from other processes
 * on a shared machine hits them alike; reports the median and the best run of each after `warmup`
 * rounds. Each op returns the tensors it made; they are finished (see _finish), then freed.
 */
export function timeInterleaved(fns: Record<string, () => tf.Tensor | tf.Tensor[]>, runs = 15, warmup = 3): Record<string, Timing> {
  const ts: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  for (const k of Object.keys(fns)) {
    ts[k] = [];
    cpu[k] = [];
  }
  for (let i = 0; i < warmup + runs; i++) {
    for (const [k, fn] of Object.entries(fns)) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const out = fn();
      const list = Array.isArray(out) ? out : [out];
      _finish(list);
      const dt = performance.now() - t0;
      const c = process.cpuUsage(c0);
      tf.dispose(list);
      if (i >= warmup) {
        ts[k].push(dt);
        cpu[k].push((c.user + c.system) / 1000);
      }
    }
  }
  const out: Record<string, Timing> = {};
  for (const [k, v] of Object.entries(ts)) out[k] = { median_ms: _median(v), best_ms: Math.min(...v), cpu_ms: _median(cpu[k]) };
  return out;
}

/** Median of async runs (e.g. a worker pool job). */
export async function medianMsAsync(fn: () => Promise<unknown>, runs = 5, warmup = 1): Promise<number> {
  const ts: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    await fn();
    if (i >= warmup) ts.push(performance.now() - t0);
  }
  return _median(ts);
}

/** Median of a list of numbers. */
export function median(ts: number[]): number {
  return _median(ts);
}

function _median(ts: number[]): number {
  const s = ts.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A case for tools/torch-bench/conv_bench.py. */
export interface TorchConvCase {
  name: string;
  n: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  k: number;
  stride?: number;
  dilation?: number;
  /** Groups; `ci` for a depthwise convolution. */
  groups?: number;
  op: 'forward' | 'grad_input' | 'grad_filter';
}

/**
 * Runs the same convolutions in PyTorch CPU (one thread) through tools/torch-bench, when
 * `/usr/bin/python3 -c 'import torch'` works (GANSEG_PYTHON overrides the interpreter).
 *
 * @returns Median ms by case name, or null without torch.
 */
export function torchConvTimes(cases: TorchConvCase[], threads = 1): Map<string, number> | null {
  const python = process.env.GANSEG_PYTHON ?? '/usr/bin/python3';
  const script = fileURLToPath(new URL('../../torch-bench/conv_bench.py', import.meta.url));
  if (!existsSync(script)) return null;
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const r = spawnSync(python, [script, JSON.stringify(cases), '--threads', String(threads)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`torch-bench failed: ${r.stderr}\n`);
    return null;
  }
  const out = new Map<string, number>();
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const o = JSON.parse(line) as { name: string; median_ms: number };
    out.set(o.name, o.median_ms);
  }
  return out;
}

/**
 * Wall and process CPU times (ms) of `iters` single-image `gen.generate` calls (z from seeds
 * 1..iters, truncation 0.7, image read back) after one warm-up call.
 */
export async function timeGenerate(gen: StyleGAN, iters: number): Promise<{ wallMs: number[]; cpuMs: number[] }> {
  const D = gen.config.latentSize;
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i <= iters; i++) {
    const z = tf.tensor2d(latentFromSeed(i, D), [1, D]);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = gen.generate({ z, truncation: 0.7 });
    await out.image.data();
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    tf.dispose([z, out.image, out.wplus]);
    if (i > 0) {
      // the first run warms up
      wallMs.push(dt);
      cpuMs.push((c.user + c.system) / 1000);
    }
  }
  return { wallMs, cpuMs };
}
