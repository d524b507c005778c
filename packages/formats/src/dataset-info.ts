import type { ClassInfo } from './class-info.js';

/**
 * `dataset.json` of a dataset folder (real or synthetic alike): format, classes, ignore label,
 * counts, sample size, the hashes of the weights that made the data, the options of the command
 * and, for synthetic data, the seeds; for imported data, the source.
 *
 * @example
 * ```ts
 * const info = await readDatasetInfo('data/cars');
 * console.log(info.count, info.classes.map((c) => c.name));
 * ```
 */
export interface DatasetInfo {
  format: 'ganseg-dataset';
  version: 1;
  classes: ClassInfo[];
  ignore: number;
  count: number;
  dropped: number;
  /** Sample size, or null when the samples differ in size. */
  width: number | null;
  height: number | null;
  /** Hashes of the weights that made the data: datasets with other hashes never merge. */
  hashes: Record<string, string>;
  /** The options of the command, for the record. */
  options: Record<string, unknown>;
  /** Which seeds this folder holds (synthetic and rendered data). */
  seeds?: { start: number; n: number; shard: string };
  /** Where imported data came from. */
  source?: Record<string, unknown>;
}

/**
 * One line of `manifest.jsonl`: the sample id, the pixels of each class (by class id) and what the
 * writer records besides (seed and uncertainty for generated data; source file and size for
 * imported data).
 *
 * @example
 * ```ts
 * const rec: ManifestRecord = { id: '000001', seed: 1, uncertainty: 0, pixels: [4000, 96] };
 * ```
 */
export interface ManifestRecord {
  id: string;
  /** Pixels of each class, indexed by class id. */
  pixels: number[];
  seed?: number;
  uncertainty?: number;
  [key: string]: unknown;
}
