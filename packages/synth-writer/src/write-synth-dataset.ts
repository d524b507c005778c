import { promises as fs } from 'node:fs';
import path from 'node:path';
import { atomicWriteFile, decodePng, encodePng, pathExists, removeStaleTemps } from '@ganseg/io';
import { finalizeDataset, DatasetError } from './finalize-dataset.js';
import type { Shard } from './parse-shard.js';
import { sampleId } from './sample-id.js';
import { seedsForShard } from './seeds-for-shard.js';
import { IGNORE_INDEX, readDatasetInfo, type ClassInfo } from '@ganseg/formats';
import type { SynthRecord, SynthSample } from './types.js';

/** Progress of a synthesis run. */
export interface SynthProgress {
  done: number;
  total: number;
  written: number;
  skipped: number;
  /** Samples per second over this run's written samples. */
  rate: number;
  /** Seconds left at the current rate. */
  etaSeconds: number;
}

/** Options of {@link writeSynthDataset}. */
export interface WriteSynthOptions {
  /** The dataset folder (created if missing). */
  out: string;
  /** Makes the pair for one seed; must be a pure function of the seed. */
  render: (seed: number) => Promise<SynthSample>;
  classes: ClassInfo[];
  /** Total number of seeds of the whole job (all shards). */
  n: number;
  seedStart?: number;
  shard?: Shard;
  /** How many `render` calls may be in flight (the worker count when render uses a pool). */
  concurrency?: number;
  /** Drop this most uncertain fraction of the samples (0 keeps all). */
  dropUncertain?: number;
  /** Hashes of the weights (generator, decoder): recorded, and checked when resuming or merging. */
  hashes: Record<string, string>;
  /** The command's options, recorded in dataset.json. */
  options?: Record<string, unknown>;
  /**
   * The options that decide what a sample holds (truncation, cutoff, ...): recorded with the
   * hashes and classes in `run.json` when a folder is started, and compared on every resume.
   */
  run?: Record<string, unknown>;
  onProgress?: (p: SynthProgress) => void;
}

/** What {@link writeSynthDataset} did. */
export interface SynthSummary {
  written: number;
  skipped: number;
  kept: number;
  dropped: number;
  seconds: number;
}

/**
 * Writes the (image, mask) pairs of the seeds a shard owns into the dataset layout:
 * `images/<id>.png`, `masks/<id>.png`, `manifest.jsonl`, `dataset.json` (and `records/`, one
 * JSON a sample, written last, which is how a resumed run knows a sample is complete).
 *
 * Every file goes to a temporary name and is renamed, so a run killed at any moment and started
 * again completes with no sample missing or twice and no truncated PNG. Before the first sample,
 * `run.json` records what decides the samples (the weights' hashes, the classes, `run`); a resume
 * whose weights, classes or run options differ stops before writing anything, saying what differs,
 * rather than mixing two runs in one folder.
 *
 * @param opts What to write and how.
 * @returns Counts and time.
 * @example
 * ```ts
 * await writeSynthDataset({ out: 'synth', n: 1000, render, classes, hashes: { generator: 'ab12…' } });
 * ```
 */
export async function writeSynthDataset(opts: WriteSynthOptions): Promise<SynthSummary> {
  const t0 = Date.now();
  const seedStart = opts.seedStart ?? 0;
  const shard = opts.shard ?? { index: 0, count: 1 };
  const seeds = seedsForShard(seedStart, opts.n, shard);
  const dirs = ['images', 'masks', 'records'].map((d) => path.join(opts.out, d));
  for (const d of dirs) await fs.mkdir(d, { recursive: true });
  for (const d of [...dirs, opts.out]) await removeStaleTemps(d);
  await _checkRun(opts);
  const infoFile = path.join(opts.out, 'dataset.json');
  if (await pathExists(infoFile)) {
    const prev = await readDatasetInfo(opts.out);
    for (const [k, v] of Object.entries(opts.hashes)) {
      if (prev.hashes?.[k] !== undefined && prev.hashes[k] !== v) {
        throw new DatasetError(`${infoFile}: written with another ${k} (hash ${prev.hashes[k]}, now ${v}); use a new output folder.`);
      }
    }
  }
  let written = 0;
  let skipped = 0;
  let done = 0;
  let width = 0;
  let height = 0;
  const todo: number[] = [];
  for (const seed of seeds) {
    const rec = path.join(opts.out, 'records', `${sampleId(seed)}.json`);
    if (await pathExists(rec)) {
      skipped++;
      done++;
    } else todo.push(seed);
  }
  const tRun = Date.now();
  const report = () => {
    const secs = (Date.now() - tRun) / 1000;
    const rate = written / Math.max(secs, 1e-9);
    opts.onProgress?.({ done, total: seeds.length, written, skipped, rate, etaSeconds: rate > 0 ? (seeds.length - done) / rate : Infinity });
  };
  report();
  const writeOne = async (seed: number) => {
    const s = await opts.render(seed);
    if (s.seed !== seed) throw new DatasetError(`render(${seed}) returned the sample of seed ${s.seed}.`);
    if (s.image.length !== s.width * s.height * 3 || s.mask.length !== s.width * s.height) {
      throw new DatasetError(`render(${seed}): image or mask size does not match ${s.width}x${s.height}.`);
    }
    width = s.width;
    height = s.height;
    const id = sampleId(seed);
    const nClasses = opts.classes.length;
    const pixels = new Array<number>(nClasses).fill(0);
    for (const c of s.mask) if (c < nClasses) pixels[c]++;
    await atomicWriteFile(path.join(opts.out, 'images', `${id}.png`), encodePng({ data: s.image, width: s.width, height: s.height, channels: 3 }));
    await atomicWriteFile(path.join(opts.out, 'masks', `${id}.png`), encodePng({ data: s.mask, width: s.width, height: s.height, channels: 1 }));
    const record: SynthRecord = { id, seed, uncertainty: s.uncertainty, pixels };
    await atomicWriteFile(path.join(opts.out, 'records', `${id}.json`), JSON.stringify(record) + '\n');
    written++;
    done++;
    report();
  };
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, todo.length) }, async () => {
    while (next < todo.length) await writeOne(todo[next++]);
  });
  await Promise.all(lanes);
  if (width === 0) {
    const first = seeds.length ? path.join(opts.out, 'masks', `${sampleId(seeds[0])}.png`) : '';
    if (first && (await pathExists(first))) {
      const png = decodePng(await fs.readFile(first));
      width = png.width;
      height = png.height;
    }
  }
  const { kept, dropped } = await finalizeDataset(
    opts.out,
    {
      format: 'ganseg-dataset',
      version: 1,
      classes: opts.classes,
      ignore: IGNORE_INDEX,
      width,
      height,
      hashes: opts.hashes,
      options: opts.options ?? {},
      seeds: { start: seedStart, n: opts.n, shard: `${shard.index}/${shard.count}` },
    },
    opts.dropUncertain ?? 0,
  );
  return { written, skipped, kept: kept.length, dropped: dropped.length, seconds: (Date.now() - t0) / 1000 };
}

/** What `run.json` holds. */
interface _RunInfo {
  format: 'ganseg-synth-run';
  version: 1;
  hashes: Record<string, string>;
  classes: ClassInfo[];
  run: Record<string, unknown>;
}

/** Writes `run.json` in a new folder, or checks that this run is the one that started it. */
async function _checkRun(opts: WriteSynthOptions): Promise<void> {
  const file = path.join(opts.out, 'run.json');
  const mine: _RunInfo = { format: 'ganseg-synth-run', version: 1, hashes: opts.hashes, classes: opts.classes, run: opts.run ?? {} };
  if (!(await pathExists(file))) {
    const started = (await fs.readdir(path.join(opts.out, 'records'))).some((n) => n.endsWith('.json'));
    if (started) {
      throw new DatasetError(`${opts.out}: holds samples but no run.json recording the run that wrote them, so resuming could mix two runs; write to a new output folder.`);
    }
    await atomicWriteFile(file, JSON.stringify(mine, null, 2) + '\n');
    return;
  }
  let prev: _RunInfo;
  try {
    prev = JSON.parse(await fs.readFile(file, 'utf8')) as _RunInfo;
  } catch (e) {
    throw new DatasetError(`${file}: unreadable (${(e as Error).message}); it records the run this folder holds; write to a new output folder.`);
  }
  const show = (v: unknown): string => (v === undefined ? 'unset' : JSON.stringify(v));
  const diffs: string[] = [];
  for (const k of new Set([...Object.keys(prev.hashes ?? {}), ...Object.keys(opts.hashes)])) {
    if (prev.hashes?.[k] !== opts.hashes[k]) diffs.push(`${k} hash ${show(prev.hashes?.[k])} (now ${show(opts.hashes[k])})`);
  }
  const cls = (c: ClassInfo[] | undefined) => JSON.stringify((c ?? []).map((x) => [x.name, x.color]));
  if (cls(prev.classes) !== cls(opts.classes)) diffs.push(`classes ${cls(prev.classes)} (now ${cls(opts.classes)})`);
  const run = opts.run ?? {};
  for (const k of new Set([...Object.keys(prev.run ?? {}), ...Object.keys(run)])) {
    if (JSON.stringify(prev.run?.[k]) !== JSON.stringify(run[k])) diffs.push(`${k} ${show(prev.run?.[k])} (now ${show(run[k])})`);
  }
  if (diffs.length) {
    throw new DatasetError(
      `${opts.out}: was started by another run (run.json): ${diffs.join('; ')}. Resume with the same generator, decoder and options, or write to a new output folder.`,
    );
  }
}
