/**
 * Decoder training cost: wall time of `trainDecoder` (feature capture from the stored latents +
 * training) for 20 annotated samples with official-width StyleGAN features (random official-init
 * weights, FFHQ widths: fmapBase 8192, fmapMax 512) and every block output '4x4'..'RxR', and the
 * process's peak resident memory. One JSON line a resolution:
 * {name: 'train-decoder-<res>', backend, median_ms (the whole run), features_s, train_s, epochs,
 *  samples, s_per_step, peak_rss_mb, feature_mb}.
 *
 * Masks are a fixed function of the image position (a disc), annotated as class-index masks; the
 * figure of interest is time and memory, not accuracy. The workspace is sampled in a child process
 * (as `ganseg sample` is a run of its own), so the peak memory is train-decoder's alone.
 *
 * Env: GANSEG_BENCH_DECODER_RES (default "256"; "256,1024" adds the 1024 run),
 * GANSEG_BENCH_DECODER_EPOCHS (default 24, the paper's code), GANSEG_BENCH_DECODER_SAMPLES (20),
 * GANSEG_BENCH_DECODER_ARCH (conv | mlp, default conv), GANSEG_BENCH_DECODER_F16 (1: float16 feature storage),
 * GANSEG_BENCH_DECODER_BATCH (conv images a step; default trainDecoder's), GANSEG_BENCH_DECODER_WORKERS (default trainDecoder's),
 * GANSEG_BENCH_DECODER_RECOMPUTE (1 / 0: gradient checkpointing on / off; default trainDecoder's),
 * GANSEG_BENCH_DECODER_BUDGET_MB (features kept in memory, MiB; default trainDecoder's).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { createConfig, StyleGAN } from '@ganseg/stylegan';
import { sampleWorkspace, trainDecoder } from '@ganseg/decoder';
import { PNG } from 'pngjs';
import { emit, round } from './_measure.js';

function _disc(r: number): Buffer {
  const png = new PNG({ width: r, height: r, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  const d = Buffer.alloc(r * r);
  for (let y = 0; y < r; y++) for (let x = 0; x < r; x++) d[y * r + x] = (x - r / 2) ** 2 + (y - r / 2) ** 2 < (r / 3) ** 2 ? 1 : 0;
  png.data = d;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/** Runs the benchmark (see the module comment). */
export async function run(): Promise<void> {
  const info = await initBackend();
  const resolutions = (process.env.GANSEG_BENCH_DECODER_RES ?? '256').split(',').map(Number);
  const epochs = Number(process.env.GANSEG_BENCH_DECODER_EPOCHS ?? 24);
  const n = Number(process.env.GANSEG_BENCH_DECODER_SAMPLES ?? 20);
  const arch = (process.env.GANSEG_BENCH_DECODER_ARCH ?? 'conv') as 'conv' | 'mlp';
  const f16 = process.env.GANSEG_BENCH_DECODER_F16 === '1';
  const batchSize = process.env.GANSEG_BENCH_DECODER_BATCH ? Number(process.env.GANSEG_BENCH_DECODER_BATCH) : undefined;
  const workers = process.env.GANSEG_BENCH_DECODER_WORKERS ? Number(process.env.GANSEG_BENCH_DECODER_WORKERS) : undefined;
  const budget = process.env.GANSEG_BENCH_DECODER_BUDGET_MB ? Number(process.env.GANSEG_BENCH_DECODER_BUDGET_MB) * 2 ** 20 : undefined;
  const recompute = process.env.GANSEG_BENCH_DECODER_RECOMPUTE ? process.env.GANSEG_BENCH_DECODER_RECOMPUTE === '1' : undefined;
  for (const res of resolutions) {
    const gen = StyleGAN.random(createConfig({ resolution: res }), 0);
    const ws = await fs.mkdtemp(path.join(os.tmpdir(), 'ganseg-bench-decoder-'));
    try {
      // the workspace is sampled in a child process, as `ganseg sample` would: the generator's
      // forward passes then grow that process's memory, not the measured train-decoder's
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--sample', String(res), String(n), ws], { stdio: 'inherit' });
      let steps = 0;
      let lastLine = 0;
      const t0 = performance.now();
      const { decoder, log } = await trainDecoder({
        generator: gen,
        workspace: ws,
        arch,
        epochs,
        featureDtype: f16 ? 'float16' : 'float32',
        ...(batchSize ? { batchSize } : {}),
        ...(workers ? { workers } : {}),
        ...(recompute !== undefined ? { recompute } : {}),
        ...(budget !== undefined ? { memoryBudget: budget } : {}),
        onProgress: (p) => {
          if (p.phase !== 'train') return;
          steps++;
          if (performance.now() - lastLine > 30_000) {
            lastLine = performance.now();
            process.stderr.write(`train-decoder-${res}: epoch ${p.epoch}/${p.epochs} step ${p.step}/${p.steps} loss ${p.loss.toFixed(3)} acc ${p.pixelAccuracy.toFixed(3)}\n`);
          }
        },
      });
      const wall = performance.now() - t0;
      decoder.dispose();
      emit({
        name: `train-decoder-${res}${arch === 'mlp' ? '-mlp' : ''}`,
        backend: info.native.enabled ? 'wasm+onednn' : info.backend,
        median_ms: round(wall, 0),
        features_s: round(log.seconds.features, 1),
        train_s: round(log.seconds.train, 1),
        epochs,
        samples: n,
        batch: log.options.batchSize,
        workers: log.options.workers,
        recompute: log.options.recompute,
        s_per_step: round(log.seconds.train / Math.max(1, steps), 3),
        peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 0),
        feature_mb: round((log.featureBytes.inMemory + log.featureBytes.onDisk) / 2 ** 20, 0),
        last_epoch_pixel_accuracy: round(log.epochs.at(-1)?.pixelAccuracy ?? NaN, 3),
      });
    } catch (e) {
      // report the cause (a wasm out-of-memory leaves the heap unusable, so cleanup may fail after it)
      emit({ name: `train-decoder-${res}${arch === 'mlp' ? '-mlp' : ''}`, backend: info.backend, median_ms: NaN, error: String((e as Error).message ?? e).slice(0, 300), peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 0) });
      throw e;
    } finally {
      gen.dispose();
      await fs.rm(ws, { recursive: true, force: true });
    }
  }
}

/** Child mode: sample the workspace and annotate it with the disc mask. */
async function _sample(res: number, n: number, ws: string): Promise<void> {
  await initBackend();
  const gen = StyleGAN.random(createConfig({ resolution: res }), 0);
  const ids = await sampleWorkspace({ generator: gen, n, seed: 0, truncation: 0.7, out: ws });
  const mask = _disc(res);
  for (const id of ids) await fs.writeFile(path.join(ws, 'masks', `${id}.png`), mask);
  gen.dispose();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--sample') await _sample(Number(process.argv[3]), Number(process.argv[4]), process.argv[5]);
  else await run();
}
