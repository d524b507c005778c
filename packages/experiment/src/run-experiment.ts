import { createHash } from 'node:crypto';
import { promises as fs, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { atomicWriteFile, decodePng, encodePng, hashWeightsFolder } from '@ganseg/io';
import { createRng, initBackend } from '@ganseg/runtime';
import { loadGenerator } from '@ganseg/stylegan';
import { sampleWorkspace, saveDecoder, trainDecoder } from '@ganseg/decoder';
import { loadAnnotations, type AnnotatedSample } from '@ganseg/formats';
import { loadDeepLab, predictDeepLab, readSegmentationDataset, trainDeepLab, type SegmentationDataset } from '@ganseg/deeplab';
import { synthesizeDataset } from '@ganseg/synth-writer';
import type { MetricsSummary } from '@ganseg/metrics';
import { evaluateDeepLab } from './evaluate-deeplab.js';
import { experimentMethods, type ExperimentConfig } from './experiment-config.js';

/** One trained and evaluated arm. */
export interface ExperimentRun {
  /** `baseline`, or the name of a method arm (`method`, `method-mlp`). */
  arm: string;
  n: number;
  seed: number;
  metrics: MetricsSummary;
  seconds: number;
  /** DeepLab epochs trained. */
  epochs: number;
  /** Method arm: the decoder's metrics on its own annotated samples (training fit). */
  decoderTrainAccuracy?: number;
  /** Predicted masks of the first test images, for the sample grid. */
  gridMasks: number[][];
  /**
   * What the run was made with (data, recipes, the weights' hashes): a record whose recipe differs
   * from the experiment's is stale and is run again.
   */
  recipe?: Record<string, unknown>;
}

/** What {@link runExperiment} returns. */
export interface ExperimentResult {
  runs: ExperimentRun[];
  hashes: Record<string, string>;
  seconds: number;
  test: SegmentationDataset;
  /** Generated samples of the method's largest N, first seed (RGB, for the grid). */
  generated: { rgb: Uint8Array; width: number; height: number }[];
}

/** Progress messages (one line each). */
export type ExperimentLog = (line: string) => void;

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions {
  /**
   * Only these arms (`baseline`, `method`, `method-mlp`, ...): the others are neither trained nor
   * read. Processes running disjoint arms of one config in the same work folder share it safely;
   * a last call without `arms` then reads every recorded run.
   */
  arms?: string[];
}

/** Whether the run record `file` exists and was made with `recipe`. */
function _sameRecipe(file: string, recipe: Record<string, unknown>): boolean {
  if (!existsSync(file)) return false;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as ExperimentRun;
    return JSON.stringify(r.recipe ?? null) === JSON.stringify(recipe);
  } catch {
    return false;
  }
}

/**
 * Whether the run record `file` is current. A record made with another recipe (other weights,
 * data or settings, or one from before records had recipes) is stale: its folder (record, model,
 * decoder, synthetic data) is removed, so that the run is made again.
 */
async function _current(file: string, recipe: Record<string, unknown>, log: ExperimentLog): Promise<boolean> {
  if (_sameRecipe(file, recipe)) return true;
  if (existsSync(file)) {
    log(`${path.basename(path.dirname(file))}: its record was made with other weights, data or settings; running it again`);
    await fs.rm(path.dirname(file), { recursive: true, force: true });
  }
  return false;
}

async function _writeJson(file: string, v: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await atomicWriteFile(file, JSON.stringify(v) + '\n');
}

function _readRgb(file: Buffer): { rgb: Uint8Array; width: number; height: number } {
  const { data: rgb, width, height } = decodePng(file, { channels: 3 });
  return { rgb, width, height };
}

/**
 * Runs both arms of the paper's comparison for every (N, seed): the baseline (DeepLabV3+ on N real
 * annotated images) and the method (N generated images annotated, a decoder, a synthetic dataset,
 * DeepLabV3+ on it), each evaluated on the real test set. Each finished run is recorded in the
 * work folder, so a stopped experiment resumes where it was.
 *
 * @param cfg The experiment.
 * @param log Progress lines.
 * @param options Which arms to run (default all).
 * @returns Every run, the weights' hashes and the time.
 * @example
 * ```ts
 * const result = await runExperiment(await readExperimentConfig('experiment.json'), console.error);
 * ```
 */
export async function runExperiment(cfg: ExperimentConfig, log: ExperimentLog = () => {}, options: RunExperimentOptions = {}): Promise<ExperimentResult> {
  const t0 = Date.now();
  await initBackend();
  const train = await readSegmentationDataset(cfg.realTrain);
  const test = await readSegmentationDataset(cfg.realTest);
  const classes = test.classes.map((c) => ({ name: c.name, color: c.color as [number, number, number] }));
  const hashes: Record<string, string> = { generator: await hashWeightsFolder(cfg.generator) };
  if ('teacher' in cfg.annotator) hashes.teacher = await hashWeightsFolder(cfg.annotator.teacher);
  const gridIds = test.samples.slice(0, cfg.gridImages);
  const runs: ExperimentRun[] = [];
  const maxN = Math.max(...cfg.counts);
  let generated: ExperimentResult['generated'] = [];
  const gen = await loadGenerator(cfg.generator);
  const teacher = 'teacher' in cfg.annotator ? (await loadDeepLab(cfg.annotator.teacher)).model : null;
  const humanWs = 'workspace' in cfg.annotator ? await loadAnnotations(cfg.annotator.workspace) : null;
  const d = cfg.deeplab;
  const methods = experimentMethods(cfg);
  const wanted = (arm: string) => !options.arms || options.arms.includes(arm);
  // what each kind of run depends on (paths relative to the work folder, so that committed records
  // stay current in another checkout; weights by their hashes); the annotated images' folder is
  // named by a hash of theirs
  const rel = (p: string) => path.relative(cfg.work, path.resolve(p)).split(path.sep).join('/');
  const baseRecipe = { realTrain: rel(cfg.realTrain), realTest: rel(cfg.realTest), deeplab: cfg.deeplab };
  const annotator = 'teacher' in cfg.annotator ? 'teacher' : { workspace: rel(cfg.annotator.workspace) };
  const annotationRecipe = { hashes, truncation: cfg.truncation, annotator };
  const annotationKey = createHash('sha256').update(JSON.stringify(annotationRecipe)).digest('hex').slice(0, 8);
  const methodRecipe = (m: (typeof methods)[number]) => ({ ...baseRecipe, ...annotationRecipe, decoder: m.decoder, synth: { n: cfg.synth.n, dropUncertain: cfg.synth.dropUncertain } });
  try {
    for (const n of cfg.counts) {
      for (const seed of cfg.seeds) {
        // ---- baseline: DeepLabV3+ on n real annotated images
        const bDir = path.join(cfg.work, `baseline-n${n}-s${seed}`);
        const bFile = path.join(bDir, 'run.json');
        if (!wanted('baseline')) {
          // another process runs this arm
        } else if (await _current(bFile, baseRecipe, log)) runs.push(JSON.parse(await fs.readFile(bFile, 'utf8')) as ExperimentRun);
        else {
          if (n > train.samples.length) throw new Error(`${cfg.realTrain}: ${train.samples.length} images, the experiment asks for ${n}.`);
          const tb = Date.now();
          const rng = createRng(`baseline-${seed}`);
          const order = train.samples.map((s) => ({ s, k: rng.uniform() })).sort((a, b) => a.k - b.k).map((x) => x.s);
          // fewer images than a batch: each is listed `repeats` times an epoch, so that a step holds
          // the method's batch (and the same images seen take as many steps as the method's)
          const repeats = Math.max(1, Math.ceil(d.batch / n));
          const subset = { ...train, samples: Array.from({ length: repeats }, () => order.slice(0, n)).flat() };
          const epochs = d.baselineEpochs ?? Math.min(d.maxBaselineEpochs ?? 2000, Math.max(d.epochs, Math.ceil((d.epochs * cfg.synth.n) / (n * repeats))));
          log(`baseline N=${n} seed=${seed}: DeepLabV3+ on ${n} real images${repeats > 1 ? ` (each ${repeats} times an epoch)` : ''}, ${epochs} epochs of batch ${d.batch}`);
          const r = await trainDeepLab({ dataset: subset, out: path.join(bDir, 'model'), backbone: d.backbone, width: d.width, epochs, batch: d.batch, crop: d.crop, outputStride: d.outputStride, scale: d.scale, lr: d.lr, wd: d.wd, seed, resume: true });
          const ev = await evaluateDeepLab(r.model, test);
          r.model.dispose();
          const run: ExperimentRun = { arm: 'baseline', n, seed, metrics: ev.metrics, seconds: (Date.now() - tb) / 1000, epochs, gridMasks: ev.predictions.filter((p) => gridIds.some((g) => g.id === p.id)).map((p) => Array.from(p.mask)), recipe: baseRecipe };
          await _writeJson(bFile, run);
          runs.push(run);
        }
        if (wanted('baseline')) log(`baseline N=${n} seed=${seed}: mIoU ${runs.at(-1)!.metrics.meanIoU?.toFixed(3)} accuracy ${runs.at(-1)!.metrics.pixelAccuracy?.toFixed(3)}`);

        // ---- method: N annotated generated images -> decoder -> synthetic dataset -> DeepLabV3+;
        // every method arm trains its decoder on the same annotated images
        const ws = path.join(cfg.work, `annotated-n${n}-s${seed}-${annotationKey}`);
        let samples: AnnotatedSample[] | undefined;
        if (!teacher) {
          samples = humanWs!.samples.slice(0, n);
          if (samples.length < n) throw new Error(`${(cfg.annotator as { workspace: string }).workspace}: ${samples.length} annotated samples, the experiment asks for ${n}.`);
        } else if (!existsSync(ws) && methods.some((m) => wanted(m.name) && !_sameRecipe(path.join(cfg.work, `${m.name}-n${n}-s${seed}`, 'run.json'), methodRecipe(m)))) {
          // annotate into a temporary folder of this process, then rename: a folder that exists is
          // complete (another process may have renamed its own first; the results are the same)
          const tmp = `${ws}.tmp-${process.pid}`;
          await fs.rm(tmp, { recursive: true, force: true });
          const ids = await sampleWorkspace({ generator: gen, n, seed: 1_000_000 + seed * 10_000, truncation: cfg.truncation, classes, out: tmp });
          await fs.mkdir(path.join(tmp, 'masks'), { recursive: true });
          for (const id of ids) {
            const img = _readRgb(await fs.readFile(path.join(tmp, 'samples', `${id}.png`)));
            const p = await predictDeepLab(teacher, { data: img.rgb, width: img.width, height: img.height });
            await fs.writeFile(path.join(tmp, 'masks', `${id}.png`), encodePng({ data: p.mask, width: img.width, height: img.height, channels: 1 }));
          }
          try {
            await fs.rename(tmp, ws);
          } catch (e) {
            if (!existsSync(ws)) throw e;
            await fs.rm(tmp, { recursive: true, force: true });
          }
          log(`method N=${n} seed=${seed}: ${n} generated images annotated by the teacher`);
        }
        for (const m of methods.filter((x) => wanted(x.name))) {
          const mDir = path.join(cfg.work, `${m.name}-n${n}-s${seed}`);
          const mFile = path.join(mDir, 'run.json');
          if (await _current(mFile, methodRecipe(m), log)) runs.push(JSON.parse(await fs.readFile(mFile, 'utf8')) as ExperimentRun);
          else {
            const tm = Date.now();
            const dec = m.decoder;
            const { decoder, log: dlog } = await trainDecoder({ generator: gen, ...(samples ? { samples, classes } : { workspace: ws }), arch: dec.arch, epochs: dec.epochs, ensemble: dec.ensemble, optimizer: dec.optimizer, lr: dec.lr, weightDecay: dec.weightDecay, batchSize: dec.batchSize, seed });
            await saveDecoder(decoder, path.join(mDir, 'decoder'));
            decoder.dispose();
            const fit = dlog.epochs.at(-1)?.pixelAccuracy ?? NaN;
            log(`${m.name} N=${n} seed=${seed}: ${dec.arch} decoder trained (last epoch pixel accuracy on its ${n} samples ${fit.toFixed(3)})`);
            const s = await synthesizeDataset({ generator: cfg.generator, decoder: path.join(mDir, 'decoder'), out: path.join(mDir, 'synth'), n: cfg.synth.n, seedStart: 2_000_000 + seed * 100_000, workers: cfg.synth.workers, truncation: cfg.truncation, dropUncertain: cfg.synth.dropUncertain });
            log(`${m.name} N=${n} seed=${seed}: ${s.kept} synthetic pairs (${s.dropped} dropped as uncertain) in ${s.seconds.toFixed(0)} s; DeepLabV3+ ${d.epochs} epochs`);
            const r = await trainDeepLab({ dataset: path.join(mDir, 'synth'), out: path.join(mDir, 'model'), backbone: d.backbone, width: d.width, epochs: d.epochs, batch: d.batch, crop: d.crop, outputStride: d.outputStride, scale: d.scale, lr: d.lr, wd: d.wd, seed, resume: true });
            const ev = await evaluateDeepLab(r.model, test);
            r.model.dispose();
            const run: ExperimentRun = { arm: m.name, n, seed, metrics: ev.metrics, seconds: (Date.now() - tm) / 1000, epochs: d.epochs, decoderTrainAccuracy: fit, gridMasks: ev.predictions.filter((p) => gridIds.some((g) => g.id === p.id)).map((p) => Array.from(p.mask)), recipe: methodRecipe(m) };
            await _writeJson(mFile, run);
            runs.push(run);
          }
          log(`${m.name} N=${n} seed=${seed}: mIoU ${runs.at(-1)!.metrics.meanIoU?.toFixed(3)} accuracy ${runs.at(-1)!.metrics.pixelAccuracy?.toFixed(3)}`);
        }
        if (n === maxN && seed === cfg.seeds[0] && (teacher || existsSync(path.join(ws, 'samples')))) {
          // the annotated images' first ones; drawn again from their seeds where only the run
          // records are here (a fresh checkout: the records are committed, the workspaces are not)
          let dir = ws;
          if (!existsSync(path.join(ws, 'samples'))) {
            dir = `${ws}.grid-${process.pid}`;
            await fs.rm(dir, { recursive: true, force: true });
            await sampleWorkspace({ generator: gen, n: Math.min(n, cfg.gridImages), seed: 1_000_000 + seed * 10_000, truncation: cfg.truncation, classes, out: dir });
          }
          const names = (await fs.readdir(path.join(dir, 'samples'))).filter((f) => f.endsWith('.png')).sort().slice(0, cfg.gridImages);
          generated = await Promise.all(names.map(async (f) => _readRgb(await fs.readFile(path.join(dir, 'samples', f)))));
          if (dir !== ws) await fs.rm(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    gen.dispose();
    teacher?.dispose();
  }
  return { runs, hashes, seconds: (Date.now() - t0) / 1000, test, generated };
}
