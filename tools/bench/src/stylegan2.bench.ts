/**
 * StyleGAN2 config-f at 1024 px (issue 19's proof): a random official-init config-f generator,
 * written by tools/stylegan2-ref/write_checkpoints.py --full-size as an official StyleGAN2
 * TensorFlow pickle (about 130 MB), is converted (`convertCheckpoint`), loaded (`loadGenerator`),
 * run (`generate`, batch 1, truncation 0.7) and has every block's features captured
 * (`captureFeatures`, the paper's choice: '4x4' .. '1024x1024', native sizes). One JSON line each:
 *   stylegan2-convert-1024   {seconds, found}
 *   stylegan2-convert-ada-1024 {seconds, found, max_abs_diff_vs_tf}: the same weights as a
 *                            StyleGAN2-ADA snapshot, converted and compared with the TF conversion
 *   stylegan2-generate-1024  {median_ms, median_cpu_ms, native: whether @ganseg/native's oneDNN kernels ran}
 *   stylegan2-capture-1024   {median_ms, feature_mb (float32), peak_rss_mb of the whole process}
 *
 * Env: GANSEG_BENCH_SG2_RES (default 1024), GANSEG_BENCH_ITERS (default 3), GANSEG_BENCH_SG2_DIR
 * (where the pickle is written once and kept; default <tmpdir>/ganseg-sg2-bench), GANSEG_PYTHON,
 * GANSEG_NATIVE=0 for plain wasm.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { latentFromSeed, loadGenerator } from '@ganseg/stylegan';
import { convertCheckpoint } from '@ganseg/stylegan-gluon-converter';
import { captureFeatures, estimateFeatureMemory } from '@ganseg/feature-hooks';
import { emit, round, timeGenerate } from './_measure.js';

const _WRITER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'stylegan2-ref', 'write_checkpoints.py');

function _median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const info = await initBackend();
  const res = Number(process.env.GANSEG_BENCH_SG2_RES ?? 1024);
  const iters = Number(process.env.GANSEG_BENCH_ITERS ?? 3);
  const dir = process.env.GANSEG_BENCH_SG2_DIR ?? path.join(os.tmpdir(), 'ganseg-sg2-bench');
  const pkl = path.join(dir, `sg2-config-f-${res}.pkl`);
  if (!existsSync(pkl)) {
    const r = spawnSync(process.env.GANSEG_PYTHON ?? '/usr/bin/python3', [_WRITER, '--full-size', dir, String(res)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`stylegan2 bench: writing ${pkl} failed: ${r.stderr}`);
  }
  const out = path.join(dir, `tfjs-${res}`);
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const conv = await convertCheckpoint(pkl, out);
  emit({ name: `stylegan2-convert-${res}`, backend: info.backend, median_ms: round(performance.now() - t0, 0), seconds: round((performance.now() - t0) / 1000, 2), found: conv.found });

  const gen = await loadGenerator(out);
  const D = gen.config.latentSize;

  // the same weights as a StyleGAN2-ADA snapshot: converted, and compared weight by weight
  const ada = path.join(dir, `sg2-ada-${res}.pkl`);
  if (existsSync(ada)) {
    const outAda = path.join(dir, `tfjs-ada-${res}`);
    rmSync(outAda, { recursive: true, force: true });
    const ta = performance.now();
    const ca = await convertCheckpoint(ada, outAda);
    const secs = (performance.now() - ta) / 1000;
    const genAda = await loadGenerator(outAda);
    let diff = 0;
    for (const [k, t] of Object.entries(gen.weights)) diff = Math.max(diff, tf.tidy(() => tf.max(tf.abs(tf.sub(t, genAda.weights[k]))).dataSync()[0]));
    genAda.dispose();
    rmSync(outAda, { recursive: true, force: true });
    emit({ name: `stylegan2-convert-ada-${res}`, backend: info.backend, median_ms: round(secs * 1000, 0), seconds: round(secs, 2), found: ca.found, max_abs_diff_vs_tf: diff });
  }
  const { wallMs: times, cpuMs: cpu } = await timeGenerate(gen, iters);
  emit({ name: `stylegan2-generate-${res}`, backend: info.backend, native: info.native.enabled, median_ms: round(_median(times), 0), median_cpu_ms: round(_median(cpu), 0), iters });

  const est = estimateFeatureMemory(gen.config, {}, 1);
  const ctimes: number[] = [];
  let shapes: number[][] = [];
  for (let i = 0; i < Math.max(1, iters - 1); i++) {
    const z = tf.tensor2d(latentFromSeed(100 + i, D), [1, D]);
    const t = performance.now();
    const wplus = tf.tidy(() => gen.truncate(gen.mapping(z), 0.7));
    const { image, maps } = captureFeatures(gen, wplus, {});
    await Promise.all(maps.map((m) => m.data()));
    ctimes.push(performance.now() - t);
    shapes = maps.map((m) => m.shape);
    tf.dispose([z, wplus, image, ...maps]);
  }
  gen.dispose();
  emit({
    name: `stylegan2-capture-${res}`, backend: info.backend, native: info.native.enabled, median_ms: round(_median(ctimes), 0),
    levels: shapes.length, finest: shapes[shapes.length - 1], feature_mb: round(est.computeBytesPerSample / 2 ** 20, 1),
    peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 0), tensors_left: tf.memory().numTensors,
  });
}
