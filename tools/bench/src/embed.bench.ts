/**
 * Embedding speed (issue 10): seconds per optimisation step of `embedImage` (@ganseg/embed: W+
 * by Adam, loss pixel MSE + image-gradient term, noise fixed) at 256 px and 1024 px on the active
 * backend (wasm here), official FFHQ widths (`createConfig({ resolution })` defaults) with
 * random official-init weights (`dlatent_avg` set to the mean of 256 mapped latents, as a trained
 * generator has: the random init's 0 gives non-finite gradients at 256 px), `startCandidates: 0`
 * (no start search). The target is an image the generator made from another seed.
 *
 * Timing: one call with 1 warm-up step + 3 timed steps; `onProgress` at every step gives a
 * timestamp after each; s/step = (t(step 4) - t(step 1)) / 3, so set-up and the first (warm-up)
 * step are left out. A step slower than GANSEG_BENCH_EMBED_MAX_STEP_S (default 60) stops the run
 * (the line then says `stopped` and the time that step took).
 *
 * Each resolution runs in a child process of its own (a fresh wasm heap; an exhausted one, which
 * aborts the wasm module, cannot break the benchmarks run after this one).
 *
 * One JSON line per resolution: {name, backend, median_ms (median step time), s_per_step (mean
 * of the timed steps), first_step_s (set-up + warm-up step), steps_timed, rss_peak_mb, cpu_s_per_step,
 * load_avg}.
 *
 * Env: GANSEG_BENCH_EMBED_RES (default "256,1024"), GANSEG_BENCH_EMBED_STEPS (timed steps,
 * default 3), GANSEG_BENCH_EMBED_MAX_STEP_S (default 60).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { createConfig, latentFromSeed, StyleGAN } from '@ganseg/stylegan';
import { embedImage } from '@ganseg/embed';
import { emit, median, round } from './_measure.js';

class _Stop extends Error {}

function _load(): number[] {
  return os.loadavg().map((v) => round(v, 2));
}

/**
 * Random official-init weights have `dlatent_avg` = 0, a point where (at 256 px and up) some
 * layers' activations all but vanish and the instance-norm gradient overflows (non-finite W+
 * gradient at the start). A trained generator's average is the mean of mapped latents: set that.
 */
function _setAverageLatent(gen: StyleGAN): void {
  const L = gen.config.latentSize;
  const k = 256;
  const z = new Float32Array(k * L);
  for (let i = 0; i < k; i++) z.set(latentFromSeed(10_000 + i, L), i * L);
  const avg = tf.tidy(() => tf.mean(gen.mapping(tf.tensor2d(z, [k, L])), 0));
  gen.weights['dlatent_avg'].dispose();
  gen.weights['dlatent_avg'] = avg;
}

async function _case(backend: string, res: number, timed: number, maxStepS: number): Promise<void> {
  const load_before = _load();
  const t0 = performance.now();
  const gen = StyleGAN.random(createConfig({ resolution: res }), 7);
  _setAverageLatent(gen);
  const z = tf.tensor2d(latentFromSeed(123, gen.config.latentSize), [1, gen.config.latentSize]);
  const made = gen.generate({ z, truncation: 0.7 });
  const target = tf.tidy(() => tf.clipByValue(made.image, -1, 1)) as tf.Tensor4D;
  tf.dispose([z, made.image, made.wplus]);
  const build_s = round((performance.now() - t0) / 1000, 1);
  const marks: number[] = [];
  const cpuMarks: number[] = [];
  let rssPeak = process.memoryUsage().rss;
  let stopped: string | null = null;
  const start = performance.now();
  let last = start;
  try {
    const r = await embedImage({
      generator: gen,
      target,
      steps: 1 + timed,
      startCandidates: 0,
      progressEvery: 1,
      onProgress: () => {
        const now = performance.now();
        const c = process.cpuUsage();
        marks.push(now);
        cpuMarks.push((c.user + c.system) / 1000);
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        const dt = (now - last) / 1000;
        last = now;
        if (marks.length > 1 && dt > maxStepS) throw new _Stop(`step ${marks.length} took ${round(dt, 1)} s > ${maxStepS} s`);
      },
    });
    tf.dispose([r.wplus, r.image, ...(r.noise ?? []), ...Object.values(r.activations)]);
  } catch (e) {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    if (e instanceof _Stop) stopped = e.message;
    else stopped = `error: ${(e as Error).message}`;
  } finally {
    target.dispose();
    gen.dispose();
  }
  const steps: number[] = [];
  const cpuSteps: number[] = [];
  for (let i = 1; i < marks.length; i++) {
    steps.push(marks[i] - marks[i - 1]);
    cpuSteps.push(cpuMarks[i] - cpuMarks[i - 1]);
  }
  const mean = steps.length ? steps.reduce((a, b) => a + b, 0) / steps.length : NaN;
  emit({
    name: `embed-step-${res}`,
    backend,
    median_ms: steps.length ? round(median(steps), 0) : NaN,
    resolution: res,
    widths: 'official FFHQ (createConfig defaults)',
    weights: 'random official init, dlatent_avg = mean of 256 mapped latents',
    s_per_step: round(mean / 1000, 2),
    cpu_s_per_step: cpuSteps.length ? round(median(cpuSteps) / 1000, 2) : NaN,
    steps_timed: steps.length,
    step_ms: steps.map((s) => round(s, 0)),
    first_step_s: marks.length ? round((marks[0] - start) / 1000, 1) : round((performance.now() - start) / 1000, 1),
    build_s,
    rss_peak_mb: Math.round(rssPeak / 2 ** 20),
    ...(stopped ? { stopped } : {}),
    cores: os.availableParallelism(),
    load_avg_before: load_before,
    load_avg: _load(),
  });
}

/** Runs the embedding benchmark (see the module comment). */
export async function run(): Promise<void> {
  const resList = (process.env.GANSEG_BENCH_EMBED_RES ?? '256,1024').split(',').filter(Boolean).map(Number);
  const maxStepS = Number(process.env.GANSEG_BENCH_EMBED_MAX_STEP_S ?? 60);
  const timed = Number(process.env.GANSEG_BENCH_EMBED_STEPS ?? 3);
  // each resolution in a process of its own: a wasm heap exhausted (abort) at 1024 px must not
  // take down the backend of the benchmarks that run after this one
  for (const res of resList) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), String(res)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: (60 + (timed + 2) * maxStepS) * 1000,
      maxBuffer: 1 << 24,
    });
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('{'));
    for (const l of lines) process.stdout.write(`${l}\n`);
    if (!lines.length) {
      emit({
        name: `embed-step-${res}`,
        backend: 'wasm',
        median_ms: NaN,
        resolution: res,
        stopped: `child process ended (status ${r.status}, signal ${r.signal}) without a result: ${(r.stderr || '').trim().split('\n').slice(-1)[0] ?? ''}`,
        load_avg: _load(),
      });
    }
  }
}

async function _child(res: number): Promise<void> {
  const backend = (await initBackend()).backend;
  const timed = Number(process.env.GANSEG_BENCH_EMBED_STEPS ?? 3);
  const maxStepS = Number(process.env.GANSEG_BENCH_EMBED_MAX_STEP_S ?? 60);
  await _case(backend, res, timed, maxStepS);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await _child(Number(process.argv[2]));
