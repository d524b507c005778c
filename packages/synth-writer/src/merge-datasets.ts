import { promises as fs } from 'node:fs';
import path from 'node:path';
import { atomicWriteFile, pathExists } from '@ganseg/io';
import { finalizeDataset, DatasetError } from './finalize-dataset.js';
import { readDatasetInfo, type DatasetInfo } from '@ganseg/formats';
import type { SynthRecord } from './types.js';

/** Options of {@link mergeDatasets}. */
export interface MergeOptions {
  /** Drop fraction for the merged set; default: the one the shards were written with. */
  dropUncertain?: number;
}

/**
 * Joins shard folders into one dataset, the same files one run over all seeds would have written:
 * samples are copied, the manifest is rebuilt sorted by seed, and `--drop-uncertain` is applied
 * to the whole set (shards keep their dropped samples under `dropped/` for that). Shards made
 * with different weights (hashes), classes or run options (`run.json`: truncation, ...) are
 * refused, as is a seed present in two shards with different files; `run.json` is carried over.
 *
 * @param dirs Shard folders.
 * @param out The merged folder (must not hold another dataset's samples).
 * @param opts Drop fraction.
 * @returns Counts of the merged dataset.
 * @example
 * ```ts
 * await mergeDatasets(['synth-0', 'synth-1', 'synth-2'], 'synth');
 * ```
 */
export async function mergeDatasets(dirs: string[], out: string, opts: MergeOptions = {}): Promise<{ count: number; dropped: number }> {
  if (dirs.length === 0) throw new DatasetError('dataset merge: name at least one shard folder.');
  const infos: DatasetInfo[] = [];
  for (const d of dirs) {
    const f = path.join(d, 'dataset.json');
    if (!(await pathExists(f))) throw new DatasetError(`${f}: missing; is ${d} a finished ganseg dataset shard?`);
    infos.push(await readDatasetInfo(d));
  }
  const ref = infos[0];
  infos.forEach((info, i) => {
    if (!info.seeds) throw new DatasetError(`${path.join(dirs[i], 'dataset.json')}: no "seeds"; only shards of generated data merge.`);
    for (const k of new Set([...Object.keys(ref.hashes), ...Object.keys(info.hashes)])) {
      if (ref.hashes[k] !== info.hashes[k]) {
        throw new DatasetError(`${dirs[i]}: made with another ${k} (hash ${info.hashes[k]}) than ${dirs[0]} (${ref.hashes[k]}); shards of one dataset must share the weights.`);
      }
    }
    if (JSON.stringify(info.classes) !== JSON.stringify(ref.classes)) {
      throw new DatasetError(`${dirs[i]}: classes ${JSON.stringify(info.classes.map((c) => c.name))} differ from ${dirs[0]}'s.`);
    }
    if (info.width !== ref.width || info.height !== ref.height) {
      throw new DatasetError(`${dirs[i]}: ${info.width}x${info.height} samples, ${dirs[0]} has ${ref.width}x${ref.height}.`);
    }
  });
  // run.json (what decides the samples: weights, classes, truncation, ...): one for all shards,
  // carried into the merged folder so that it resumes and merges as one run.
  const runs: (string | null)[] = [];
  for (const d of [...dirs, out]) {
    const f = path.join(d, 'run.json');
    runs.push((await pathExists(f)) ? JSON.stringify(JSON.parse(await fs.readFile(f, 'utf8'))) : null);
  }
  const run = runs.slice(0, dirs.length).find((r) => r !== null) ?? null;
  runs.forEach((r, i) => {
    if (r !== null && run !== null && r !== run) {
      throw new DatasetError(`${i < dirs.length ? dirs[i] : out}: run.json ${r} differs from ${run}; shards of one dataset must come from one run (same weights, classes and options).`);
    }
  });
  for (const d of ['images', 'masks', 'records']) await fs.mkdir(path.join(out, d), { recursive: true });
  if (run !== null && runs[dirs.length] === null) await atomicWriteFile(path.join(out, 'run.json'), JSON.stringify(JSON.parse(run), null, 2) + '\n');
  const seen = new Map<string, string>();
  for (const d of dirs) {
    const recDir = path.join(d, 'records');
    for (const name of (await fs.readdir(recDir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
      const text = await fs.readFile(path.join(recDir, name), 'utf8');
      const rec = JSON.parse(text) as SynthRecord;
      const prev = seen.get(rec.id);
      if (prev !== undefined) {
        if (prev !== text) throw new DatasetError(`${path.join(recDir, name)}: seed ${rec.seed} is also in another shard with a different result.`);
        continue;
      }
      seen.set(rec.id, text);
      for (const kind of ['images', 'masks']) {
        const live = path.join(d, kind, `${rec.id}.png`);
        const src = (await pathExists(live)) ? live : path.join(d, 'dropped', kind, `${rec.id}.png`);
        if (!(await pathExists(src))) throw new DatasetError(`${live}: missing for records/${name}.`);
        const tmp = path.join(out, kind, `.${rec.id}.png.tmp-${process.pid}`);
        await fs.copyFile(src, tmp);
        await fs.rename(tmp, path.join(out, kind, `${rec.id}.png`));
      }
      await atomicWriteFile(path.join(out, 'records', name), text);
    }
  }
  const drop = opts.dropUncertain ?? Number(ref.options?.dropUncertain ?? 0);
  const starts = infos.map((i) => i.seeds!.start);
  const ends = infos.map((i) => i.seeds!.start + i.seeds!.n);
  const { kept, dropped } = await finalizeDataset(
    out,
    {
      format: 'ganseg-dataset',
      version: 1,
      classes: ref.classes,
      ignore: ref.ignore,
      width: ref.width,
      height: ref.height,
      hashes: ref.hashes,
      options: { ...ref.options, mergedFrom: dirs.length },
      seeds: { start: Math.min(...starts), n: Math.max(...ends) - Math.min(...starts), shard: '0/1' },
    },
    drop,
  );
  return { count: kept.length, dropped: dropped.length };
}
