import { promises as fs } from 'node:fs';
import path from 'node:path';
import { builtModuleUrl, WorkerPool } from '@ganseg/runtime';
import { loadDecoder } from '@ganseg/decoder';
import { createConfig, DEFAULT_TRUNCATION, defaultCutoff, generatorToTransfer, loadGenerator, type StyleGANConfig } from '@ganseg/stylegan';
import type { _SynthWorkerInit } from './synth-worker.js';
import { createGanRenderer } from './create-gan-renderer.js';
import type { Shard } from './parse-shard.js';
import type { SynthProgress, SynthSummary } from './write-synth-dataset.js';
import { writeSynthDataset } from './write-synth-dataset.js';
import type { ClassInfo } from '@ganseg/formats';
import type { SynthSample } from './types.js';
import { hashWeightsFolder } from '@ganseg/io';

/** Options of {@link synthesizeDataset}. */
export interface SynthesizeOptions {
  /** Generator folder (tfjs layout). */
  generator: string;
  /** Decoder folder (train-decoder output). */
  decoder: string;
  out: string;
  n: number;
  seedStart?: number;
  shard?: Shard;
  /** Worker threads (one backend each); 0 or 1 renders in this thread. Default 1. */
  workers?: number;
  truncation?: number;
  cutoff?: number;
  dropUncertain?: number;
  /** Recorded in dataset.json. */
  options?: Record<string, unknown>;
  onProgress?: (p: SynthProgress) => void;
}

/**
 * `ganseg synthesize`: loads a generator and a decoder and writes `n` pairs (the seeds of one
 * shard) into the dataset layout, on `workers` worker threads. Byte-identical output whatever the
 * worker or shard count; resumable; records the weights' hashes.
 *
 * @param opts Folders, counts and options.
 * @returns Counts and time.
 * @example
 * ```ts
 * await synthesizeDataset({ generator: 'gen', decoder: 'dec', out: 'synth', n: 10000, workers: 2 });
 * ```
 */
export async function synthesizeDataset(opts: SynthesizeOptions): Promise<SynthSummary> {
  const truncation = opts.truncation ?? DEFAULT_TRUNCATION;
  const cutoff = opts.cutoff ?? defaultCutoff(await _generatorConfig(opts.generator));
  const decoder = await loadDecoder(opts.decoder);
  const classes: ClassInfo[] = decoder.classes.map((c) => ({ name: c.name, color: c.color as [number, number, number] }));
  const hashes = { generator: await hashWeightsFolder(opts.generator), decoder: await hashWeightsFolder(opts.decoder) };
  const workers = Math.max(0, opts.workers ?? 1);
  let render: (seed: number) => Promise<SynthSample>;
  let pool: WorkerPool | null = null;
  let generator: Awaited<ReturnType<typeof loadGenerator>> | null = null;
  if (workers > 1) {
    decoder.dispose();
    const gen = await loadGenerator(opts.generator);
    const initArg: _SynthWorkerInit = { generator: generatorToTransfer(gen), decoderDir: path.resolve(opts.decoder), truncation, cutoff };
    gen.dispose();
    pool = new WorkerPool({ moduleUrl: builtModuleUrl(import.meta.url, 'synth-worker.js'), size: workers, initArg });
    const p = pool;
    render = (seed) => p.run<SynthSample, number>(seed);
  } else {
    generator = await loadGenerator(opts.generator);
    render = createGanRenderer({ generator, decoder, truncation, cutoff });
  }
  try {
    return await writeSynthDataset({
      out: opts.out,
      n: opts.n,
      seedStart: opts.seedStart,
      shard: opts.shard,
      render,
      classes,
      hashes,
      // two tasks a worker in flight: a worker starts its next seed while this thread encodes and
      // writes the last one (with one each, the workers idled during every write)
      concurrency: workers > 1 ? 2 * workers : 1,
      dropUncertain: opts.dropUncertain,
      options: { truncation, cutoff, ...(opts.options ?? {}) },
      run: { truncation, cutoff },
      onProgress: opts.onProgress,
    });
  } finally {
    if (pool) await pool.close();
    if (generator) {
      generator.dispose();
      decoder.dispose();
    }
  }
}

/**
 * The config in a generator folder's model.json (the workers load the weights themselves); an
 * unreadable folder gives the v1 default here and its typed error when the generator is loaded.
 */
async function _generatorConfig(dir: string): Promise<StyleGANConfig> {
  const file = path.join(dir, 'model.json');
  try {
    const model = JSON.parse(await fs.readFile(file, 'utf8')) as { config?: Partial<StyleGANConfig> };
    return createConfig(model.config ?? {}, file);
  } catch {
    return createConfig();
  }
}
