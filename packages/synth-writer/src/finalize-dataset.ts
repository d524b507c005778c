import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathExists } from '@ganseg/io';
import { writeDatasetInfo, writeManifest, type DatasetInfo } from '@ganseg/formats';
import type { SynthRecord } from './types.js';

/** Raised when a dataset folder is not what the operation expects. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** What {@link finalizeDataset} did. */
export interface FinalizeResult {
  kept: SynthRecord[];
  dropped: SynthRecord[];
}

/**
 * Rewrites `manifest.jsonl`, `dropped.jsonl` and `dataset.json` from the per-sample records in
 * `records/`, dropping the most uncertain fraction `dropUncertain` of all samples (their PNGs
 * move to `dropped/`, and move back if a later call keeps them). Idempotent; used after
 * synthesis and after a merge, so that a merged dataset is what one run would have written.
 *
 * @param dir The dataset folder.
 * @param info `dataset.json` without the counts.
 * @param dropUncertain Fraction in [0, 1) to drop, most uncertain first (ties: higher seed first).
 * @returns The kept and dropped records, sorted by seed.
 * @example
 * ```ts
 * await finalizeDataset('out/cars', info, 0.1);
 * ```
 */
export async function finalizeDataset(
  dir: string,
  info: Omit<DatasetInfo, 'count' | 'dropped'>,
  dropUncertain = 0,
): Promise<FinalizeResult> {
  if (!(dropUncertain >= 0 && dropUncertain < 1)) {
    throw new DatasetError(`--drop-uncertain ${dropUncertain}: expected a fraction in [0, 1).`);
  }
  const recDir = path.join(dir, 'records');
  const names = (await fs.readdir(recDir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  const records: SynthRecord[] = [];
  for (const n of names) {
    const file = path.join(recDir, n);
    try {
      records.push(JSON.parse(await fs.readFile(file, 'utf8')) as SynthRecord);
    } catch (e) {
      throw new DatasetError(`${file}: not a readable sample record (${(e as Error).message}); delete it and run again to regenerate that sample.`);
    }
  }
  records.sort((a, b) => a.seed - b.seed);
  const nDrop = Math.floor(records.length * dropUncertain);
  const byUncertainty = [...records].sort((a, b) => b.uncertainty - a.uncertainty || b.seed - a.seed);
  const dropIds = new Set(byUncertainty.slice(0, nDrop).map((r) => r.id));
  await fs.mkdir(path.join(dir, 'dropped', 'images'), { recursive: true });
  await fs.mkdir(path.join(dir, 'dropped', 'masks'), { recursive: true });
  for (const r of records) {
    for (const kind of ['images', 'masks']) {
      const live = path.join(dir, kind, `${r.id}.png`);
      const gone = path.join(dir, 'dropped', kind, `${r.id}.png`);
      const [from, to] = dropIds.has(r.id) ? [live, gone] : [gone, live];
      if (await pathExists(from)) await fs.rename(from, to);
      else if (!(await pathExists(to))) throw new DatasetError(`${to}: missing for the record records/${r.id}.json; delete the record and run again.`);
    }
  }
  const kept = records.filter((r) => !dropIds.has(r.id));
  const dropped = records.filter((r) => dropIds.has(r.id));
  const lines = (rs: SynthRecord[]) => rs.map((r) => ({ id: r.id, seed: r.seed, uncertainty: r.uncertainty, pixels: r.pixels }));
  await writeManifest(path.join(dir, 'manifest.jsonl'), lines(kept));
  await writeManifest(path.join(dir, 'dropped.jsonl'), lines(dropped));
  const full: DatasetInfo = { ...info, count: kept.length, dropped: dropped.length, options: { ...info.options, dropUncertain } } as DatasetInfo;
  await writeDatasetInfo(dir, full);
  return { kept, dropped };
}
