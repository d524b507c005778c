import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_TRUNCATION } from '@ganseg/stylegan';

/** DeepLabV3+ options of an experiment (both arms). */
export interface ExperimentDeepLabOptions {
  backbone: 'resnet18' | 'resnet34' | 'resnet50' | 'resnet101';
  width: number;
  epochs: number;
  batch: number;
  crop?: number;
  /** Output stride, 8 or 16 (default 16; 8 keeps an 8x8 map at 64 px). */
  outputStride?: 8 | 16;
  /** Random scale range of the augmentation (default trainDeepLab's [0.5, 2]; [1, 1] turns it off). */
  scale?: [number, number];
  lr: number;
  wd: number;
  /**
   * Baseline epochs; default: as many images seen as the method's DeepLab (epochs x synth n / N).
   * With N under a batch, each image is listed ceil(batch / N) times an epoch (and the epochs are
   * divided by that), so both arms take steps of the same batch.
   */
  baselineEpochs?: number;
  /** Cap on the baseline's epochs when derived (counted in passes over its repeated list); default 2000. */
  maxBaselineEpochs?: number;
}

/** Decoder training of a method arm; optimizer, lr, weightDecay and batchSize default to trainDecoder's (SGD 0.01, wd 1e-3, 2 images a step). */
export interface ExperimentDecoderOptions {
  arch: 'conv' | 'mlp';
  epochs: number;
  ensemble?: number;
  optimizer?: 'sgd' | 'adam';
  lr?: number;
  weightDecay?: number;
  batchSize?: number;
}

/** One arm of the method: a name (`method`, `method-mlp`) and its decoder. */
export interface ExperimentMethod {
  name: string;
  decoder: ExperimentDecoderOptions;
}

/** The method arms of an experiment: `methods`, or the one arm `method` with `decoder`. */
export function experimentMethods(cfg: Pick<ExperimentConfig, 'decoder' | 'methods'>): ExperimentMethod[] {
  return cfg.methods?.length ? cfg.methods : [{ name: 'method', decoder: cfg.decoder }];
}

/** One experiment (`ganseg experiment <config.json>`); paths are relative to the config file. */
export interface ExperimentConfig {
  name: string;
  /** The generator folder (tfjs layout). */
  generator: string;
  /** Who annotates the generated samples: a teacher DeepLabV3+ folder, or a workspace with masks. */
  annotator: { teacher: string } | { workspace: string };
  /** Real annotated images for the baseline (dataset layout). */
  realTrain: string;
  /** Held-out real test set (dataset layout). */
  realTest: string;
  /** Numbers of annotated images (the x axis of the curve). */
  counts: number[];
  /** Repetitions; each seed draws other samples and initialisations. */
  seeds: number[];
  truncation: number;
  /** Decoder training of the method (when `methods` is not given). */
  decoder: ExperimentDecoderOptions;
  /**
   * The method's arms, each with its own decoder on the same annotated images (for example the
   * conv decoder and the MLP ensemble); default one arm, `method`, with `decoder`.
   */
  methods?: ExperimentMethod[];
  synth: { n: number; dropUncertain: number; workers: number };
  deeplab: ExperimentDeepLabOptions;
  /** Test images in the sample grid; default 8. */
  gridImages: number;
  /** Folder of the small outputs (report, metrics, plots); default `results` beside the config. */
  out: string;
  /** Folder of the large outputs (datasets, checkpoints); default `.work/<name>` beside the config. */
  work: string;
}

function _scaleRange(file: string, v: unknown): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && x > 0) || v[0] > v[1]) {
    throw new ExperimentConfigError(`${file}: key "deeplab.scale" must be [min, max] with 0 < min <= max, found ${JSON.stringify(v)}.`);
  }
  return [v[0], v[1]];
}

/** Raised for an experiment config that cannot run, naming the file and the key. */
export class ExperimentConfigError extends Error {
  override name = 'ExperimentConfigError';
}

/**
 * Reads and checks an experiment config, filling defaults and resolving paths against the
 * config's folder.
 *
 * @param file The JSON file.
 * @param overrides Values that replace the file's (the demo's `--quick`).
 * @returns The full config.
 * @example
 * ```ts
 * const cfg = await readExperimentConfig('datasets/cars/experiment.json');
 * ```
 */
export async function readExperimentConfig(file: string, overrides: Partial<ExperimentConfig> = {}): Promise<ExperimentConfig> {
  let raw: Record<string, unknown>;
  try {
    raw = { ...(JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>), ...overrides };
  } catch (e) {
    throw new ExperimentConfigError(`${file}: not a readable JSON experiment config (${(e as Error).message}).`);
  }
  const dir = path.dirname(path.resolve(file));
  const need = (k: string, type: string) => {
    const v = raw[k];
    if (v === undefined || (type === 'array' ? !Array.isArray(v) : typeof v !== type)) {
      throw new ExperimentConfigError(`${file}: key "${k}" must be ${type === 'array' ? 'an array' : `a ${type}`}, found ${JSON.stringify(v)}.`);
    }
    return v;
  };
  const abs = (p: string) => path.resolve(dir, p);
  const name = String(raw.name ?? path.basename(file, '.json'));
  const ann = need('annotator', 'object') as Record<string, string>;
  if (!ann.teacher && !ann.workspace) throw new ExperimentConfigError(`${file}: key "annotator" must be {"teacher": <deeplab dir>} or {"workspace": <annotated workspace>}.`);
  const counts = (need('counts', 'array') as unknown[]).map(Number);
  if (counts.some((n) => !(Number.isInteger(n) && n > 0))) throw new ExperimentConfigError(`${file}: key "counts" must hold positive integers, found ${JSON.stringify(raw.counts)}.`);
  const seeds = ((raw.seeds as unknown[]) ?? [0]).map(Number);
  const d = (raw.deeplab ?? {}) as Partial<ExperimentDeepLabOptions>;
  const decoderOf = (dec: Partial<ExperimentDecoderOptions>): ExperimentDecoderOptions => ({
    arch: dec.arch ?? 'conv',
    epochs: Number(dec.epochs ?? 24),
    ensemble: dec.ensemble,
    ...(dec.optimizer !== undefined ? { optimizer: dec.optimizer } : {}),
    ...(dec.lr !== undefined ? { lr: Number(dec.lr) } : {}),
    ...(dec.weightDecay !== undefined ? { weightDecay: Number(dec.weightDecay) } : {}),
    ...(dec.batchSize !== undefined ? { batchSize: Number(dec.batchSize) } : {}),
  });
  let methods: ExperimentMethod[] | undefined;
  if (raw.methods !== undefined) {
    const ms = raw.methods as { name?: unknown; decoder?: Partial<ExperimentDecoderOptions> }[];
    if (!Array.isArray(ms) || ms.some((m) => typeof m?.name !== 'string' || !/^method[-\w]*$/.test(m.name)) || new Set(ms.map((m) => m.name)).size !== ms.length) {
      throw new ExperimentConfigError(`${file}: key "methods" must be an array of {"name": "method...", "decoder": {...}} with distinct names starting with "method", found ${JSON.stringify(raw.methods)}.`);
    }
    methods = ms.map((m) => ({ name: m.name as string, decoder: decoderOf(m.decoder ?? {}) }));
  }
  const syn = (raw.synth ?? {}) as Partial<ExperimentConfig['synth']>;
  return {
    name,
    generator: abs(String(need('generator', 'string'))),
    annotator: ann.teacher ? { teacher: abs(ann.teacher) } : { workspace: abs(ann.workspace) },
    realTrain: abs(String(need('realTrain', 'string'))),
    realTest: abs(String(need('realTest', 'string'))),
    counts,
    seeds,
    truncation: Number(raw.truncation ?? DEFAULT_TRUNCATION),
    decoder: decoderOf((raw.decoder ?? {}) as Partial<ExperimentDecoderOptions>),
    ...(methods ? { methods } : {}),
    synth: { n: Number(syn.n ?? 2000), dropUncertain: Number(syn.dropUncertain ?? 0), workers: Number(syn.workers ?? 1) },
    deeplab: {
      backbone: d.backbone ?? 'resnet50',
      width: Number(d.width ?? 1),
      epochs: Number(d.epochs ?? 10),
      batch: Number(d.batch ?? 8),
      crop: d.crop,
      ...(d.outputStride !== undefined ? { outputStride: Number(d.outputStride) as 8 | 16 } : {}),
      ...(d.scale !== undefined ? { scale: _scaleRange(file, d.scale) } : {}),
      lr: Number(d.lr ?? 0.01),
      wd: Number(d.wd ?? 1e-4),
      baselineEpochs: d.baselineEpochs,
      maxBaselineEpochs: d.maxBaselineEpochs,
    },
    gridImages: Number(raw.gridImages ?? 8),
    out: abs(String(raw.out ?? 'results')),
    work: abs(String(raw.work ?? path.join('.work', name))),
  };
}
