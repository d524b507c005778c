/**
 * Synthesis speed (issue 5): pairs per second of `synthesizeDataset` (@ganseg/synth-writer:
 * generate, decode the mask, write two PNGs and the manifest) with 1 and with 2 worker threads,
 * (a) on the embedded default generator (datasets/cars/weights/generator; when it is not there, a
 * random-weight StyleGAN of the cars config, and the line says `"generator":"random"`) and (b) at
 * 256 px with a moderate random-weight config. The decoder is a quick one (`trainDecoder`, 1 epoch
 * on 3 annotated samples of a `sampleWorkspace`): its speed, not its quality, matters here.
 *
 * Each worker count runs twice, in the order 1, 2, 2, 1 workers (fresh output folder each run), so
 * a drift in the shared machine's load hits both alike. One JSON line per (case, workers): {name,
 * backend, median_ms (wall ms a pair, the whole call), pairs_per_s (mean of the runs, the whole
 * call: pool start-up and weight loading included), steady_pairs_per_s (from the first finished
 * pair to the last: start-up left out), runs_pairs_per_s, cpu_share (process CPU time of all
 * threads over wall time, per run: 2 workers on two free cores reach about 2; far below says the
 * machine did not give them the cores), steady_cpu_share, cpu_ms_per_pair and
 * steady_cpu_ms_per_pair (process CPU a pair: what the work costs, whatever the load), load_avg};
 * the 2-worker line adds speedup_2_vs_1 and
 * steady_speedup_2_vs_1 (floor in issue 5: 1.7 on two cores).
 *
 * Env: GANSEG_BENCH_SYNTH_N64 (pairs at 64 px, default 2000, the demo's count), GANSEG_BENCH_SYNTH_N256 (default 64): enough that the worker
 * threads' start-up (about a second each: tfjs, wasm, weights) is a small part, as in a real run,
 * GANSEG_BENCH_SYNTH_CASES (default "64,256").
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { initBackend } from '@ganseg/runtime';
import { createConfig, saveGenerator, StyleGAN } from '@ganseg/stylegan';
import { sampleWorkspace, saveDecoder, trainDecoder } from '@ganseg/decoder';
import { synthesizeDataset } from '@ganseg/synth-writer';
import { emit, median, round } from './_measure.js';

const _DEFAULT_GEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'datasets', 'cars', 'weights', 'generator');

function _load(): number[] {
  return os.loadavg().map((v) => round(v, 2));
}

/** Annotates every sample of a workspace: "bright" where red is above the image's median. */
async function _annotate(ws: string, ids: string[]): Promise<void> {
  await fs.mkdir(path.join(ws, 'masks'), { recursive: true });
  for (const id of ids) {
    const png = PNG.sync.read(readFileSync(path.join(ws, 'samples', `${id}.png`)));
    const red = Array.from({ length: png.width * png.height }, (_, i) => png.data[i * 4]);
    const med = [...red].sort((a, b) => a - b)[red.length >> 1];
    const m = new PNG({ width: png.width, height: png.height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    m.data = Buffer.from(red.map((r) => (r > med ? 1 : 0)));
    await fs.writeFile(path.join(ws, 'masks', `${id}.png`), PNG.sync.write(m, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
  }
}

/** Generator folder (saved, or the embedded default) and a quickly trained decoder folder. */
async function _prepare(root: string, res: number): Promise<{ genDir: string; decDir: string; generator: string; setup_s: number }> {
  const t0 = performance.now();
  let genDir: string;
  let generator: string;
  let gen: StyleGAN;
  const cfg =
    res === 64
      ? createConfig({ resolution: 64, latentSize: 64, dlatentSize: 64, mappingLayers: 4, mappingFmaps: 64, fmapBase: 256, fmapMax: 64 })
      : createConfig({ resolution: 256, fmapBase: 2048, fmapMax: 128, latentSize: 128, dlatentSize: 128, mappingLayers: 4 });
  if (res === 64 && existsSync(path.join(_DEFAULT_GEN, 'model.json'))) {
    const { loadGenerator } = await import('@ganseg/stylegan');
    genDir = _DEFAULT_GEN;
    generator = 'datasets/cars/weights/generator';
    gen = await loadGenerator(genDir);
  } else {
    genDir = path.join(root, `gen${res}`);
    generator = 'random';
    gen = StyleGAN.random(cfg, 1);
    await saveGenerator(gen, genDir);
  }
  const ws = path.join(root, `ws${res}`);
  const ids = await sampleWorkspace({ generator: gen, n: 3, seed: 100, out: ws, classes: [{ name: 'dark', color: [0, 0, 0] }, { name: 'bright', color: [255, 255, 255] }] });
  await _annotate(ws, ids);
  const { decoder } = await trainDecoder({ generator: gen, workspace: ws, epochs: 1 });
  const decDir = path.join(root, `dec${res}`);
  await saveDecoder(decoder, decDir);
  decoder.dispose();
  gen.dispose();
  return { genDir, decDir, generator, setup_s: round((performance.now() - t0) / 1000, 1) };
}

interface _Run {
  pairs_per_s: number;
  steady_pairs_per_s: number;
  ms_per_pair: number;
  /** Process CPU time (all threads) over wall time: 1 = one full core; 2 workers can reach 2. */
  cpu_share: number;
  /** Process CPU ms a pair, the whole call (start-up included). */
  cpu_ms_per_pair: number;
  /** The same from the first finished pair to the last. */
  steady_cpu_ms_per_pair: number;
  steady_cpu_share: number;
}

async function _synth(genDir: string, decDir: string, out: string, n: number, workers: number): Promise<_Run> {
  const marks: { t: number; cpu: number; done: number }[] = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await synthesizeDataset({
    generator: genDir,
    decoder: decDir,
    out,
    n,
    seedStart: 0,
    workers,
    onProgress: (p) => {
      const u = process.cpuUsage();
      marks.push({ t: performance.now(), cpu: (u.user + u.system) / 1000, done: p.done });
    },
  });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (s.written !== n) throw new Error(`synth bench: wrote ${s.written} of ${n} pairs into ${out}`);
  // steady rate: from the first completed pair to the last (start-up and loading left out)
  const first = marks.find((m) => m.done >= 1);
  const last = marks[marks.length - 1];
  const ok = first && last && last.done > first.done;
  const steady = ok ? ((last.done - first.done) * 1000) / (last.t - first.t) : NaN;
  const steadyCpu = ok ? (last.cpu - first.cpu) / (last.done - first.done) : NaN;
  const steadyShare = ok ? (last.cpu - first.cpu) / (last.t - first.t) : NaN;
  return {
    pairs_per_s: round((n * 1000) / ms, 3),
    steady_pairs_per_s: round(steady, 3),
    ms_per_pair: round(ms / n, 1),
    cpu_share: round((c.user + c.system) / 1000 / ms, 2),
    cpu_ms_per_pair: round((c.user + c.system) / 1000 / n, 0),
    steady_cpu_ms_per_pair: round(steadyCpu, 0),
    steady_cpu_share: round(steadyShare, 2),
  };
}

/** Runs the synthesis benchmark (see the module comment). */
export async function run(): Promise<void> {
  const backendName = (await initBackend()).backend;
  const cases = (process.env.GANSEG_BENCH_SYNTH_CASES ?? '64,256').split(',').filter(Boolean).map(Number);
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ganseg-synth-bench-'));
  try {
    for (const res of cases) {
      const n = Number(res === 64 ? (process.env.GANSEG_BENCH_SYNTH_N64 ?? 2000) : (process.env.GANSEG_BENCH_SYNTH_N256 ?? 64));
      const prep = await _prepare(root, res);
      // A B B A order (1, 2, 2, 1 workers): drift in the machine's load hits both alike
      const runs: Record<number, _Run[]> = { 1: [], 2: [] };
      const loadBefore = _load();
      let k = 0;
      for (const workers of [1, 2, 2, 1]) {
        runs[workers].push(await _synth(prep.genDir, prep.decDir, path.join(root, `out${res}-${k++}`), n, workers));
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const pps = (w: number) => mean(runs[w].map((r) => r.pairs_per_s));
      const steady = (w: number) => mean(runs[w].map((r) => r.steady_pairs_per_s));
      for (const workers of [1, 2]) {
        const rs = runs[workers];
        emit({
          name: `synth-${res}-w${workers}`,
          backend: backendName,
          median_ms: round(median(rs.map((r) => r.ms_per_pair)), 1),
          resolution: res,
          workers,
          n,
          generator: prep.generator,
          pairs_per_s: round(pps(workers), 3),
          steady_pairs_per_s: round(steady(workers), 3),
          runs_pairs_per_s: rs.map((r) => r.pairs_per_s),
          cpu_share: rs.map((r) => r.cpu_share),
          steady_cpu_share: rs.map((r) => r.steady_cpu_share),
          cpu_ms_per_pair: rs.map((r) => r.cpu_ms_per_pair),
          steady_cpu_ms_per_pair: rs.map((r) => r.steady_cpu_ms_per_pair),
          setup_s: prep.setup_s,
          ...(workers === 2 ? { speedup_2_vs_1: round(pps(2) / pps(1), 2), steady_speedup_2_vs_1: round(steady(2) / steady(1), 2), floor: 1.7 } : {}),
          cores: os.availableParallelism(),
          load_avg_before: loadBefore,
          load_avg: _load(),
        });
      }
    }
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
