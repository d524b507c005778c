import { promises as fs } from 'node:fs';
import path from 'node:path';
import { encodePng, replaceDirectory } from '@ganseg/io';
import type { DatasetInfo } from './dataset-info.js';
import { IGNORE_INDEX } from './ignore-index.js';
import { writeDatasetInfo } from './write-dataset-info.js';
import { writeManifest } from './write-manifest.js';
import { ImportError } from './import-error.js';
import type { ClassInfo } from './class-info.js';
import type { ImportSource } from './import-source.js';
import { resizeImage } from './resize-image.js';
import { resizeMask } from './resize-mask.js';
import { splitIds } from './split-ids.js';

/** Options of {@link writeDataset}. */
export interface WriteDatasetOptions {
  /** Shrink images whose longer side exceeds this (aspect kept; never enlarged). */
  maxSide?: number;
  /** Resize every image to exactly `[width, height]` (after which `maxSide` has nothing to do). */
  size?: [number, number];
  /** Write `train/` and `test/` datasets in this proportion (e.g. `[20, 80]`) instead of one. */
  split?: [number, number];
  /** The split's shuffle seed (default 0). */
  seed?: number;
  /** Called after each sample with (done, total, id). */
  onProgress?: (done: number, total: number, id: string) => void;
}

/** One dataset folder written by {@link writeDataset}. */
export interface WrittenDataset {
  /** `'all'`, or `'train'` / `'test'` with a split. */
  name: string;
  dir: string;
  count: number;
  /** Pixels of each class over its samples, by class id. */
  pixels: number[];
  /** Pixels labelled 255 (ignore). */
  ignored: number;
}

/** What {@link writeDataset} wrote. */
export interface WriteDatasetResult {
  out: string;
  classes: ClassInfo[];
  datasets: WrittenDataset[];
}

interface _Record {
  [key: string]: unknown;
  id: string;
  source: string;
  width: number;
  height: number;
  pixels: number[];
  ignored: number;
}

function _targetSize(w: number, h: number, o: WriteDatasetOptions): [number, number] {
  if (o.size) return o.size;
  if (o.maxSide && Math.max(w, h) > o.maxSide) {
    const s = o.maxSide / Math.max(w, h);
    return [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
  }
  return [w, h];
}

/**
 * Writes an import source as ganseg's dataset layout, the one synthetic datasets have, so every
 * command takes it: `images/<id>.png` (RGB), `masks/<id>.png` (8-bit class ids, 255 = ignore),
 * `manifest.jsonl` (one line a sample: id, source file, size, pixels of each class) and
 * `dataset.json` (format `ganseg-dataset`, classes, ignore, counts, the source and options).
 * With `split`, two such datasets, `<out>/train` and `<out>/test`. Images are resized bilinearly
 * and masks by nearest pixel when `maxSide` or `size` asks. Everything is written into a
 * temporary folder beside `out` and renamed to `out` at the end: a failing sample (an
 * `ImportError` naming its file and id) leaves no output behind. `out` must not exist (or be empty).
 *
 * @param source What `importCoco`, `importVoc` or `importFolder` read.
 * @param out The dataset folder to create.
 * @param options Resize, split, progress.
 * @returns Where each dataset went, with counts.
 * @throws ImportError for an existing non-empty `out`, bad options or a bad sample.
 * @example
 * ```ts
 * const src = await importCoco('instances.json');
 * await writeDataset(src, 'data/real', { maxSide: 512, split: [20, 80], seed: 0 });
 * ```
 */
export async function writeDataset(source: ImportSource, out: string, options: WriteDatasetOptions = {}): Promise<WriteDatasetResult> {
  if (options.maxSide !== undefined && !(Number.isInteger(options.maxSide) && options.maxSide >= 1)) {
    throw new ImportError(out, `--max-side ${options.maxSide}: expected an integer >= 1.`);
  }
  if (options.size && !(options.size.length === 2 && options.size.every((v) => Number.isInteger(v) && v >= 1))) {
    throw new ImportError(out, `--size ${options.size.join('x')}: expected WIDTHxHEIGHT, integers >= 1.`);
  }
  const existing = await fs.readdir(out).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
  if (existing && existing.length > 0) throw new ImportError(out, 'exists and is not empty; choose a new folder (an import never writes over data).');
  if (source.samples.length === 0) throw new ImportError(source.path, 'no samples to import.');
  const seed = options.seed ?? 0;
  const ids = source.samples.map((s) => s.id);
  let parts: { name: string; ids: Set<string> }[];
  if (options.split) {
    let train: string[];
    let test: string[];
    try {
      [train, test] = splitIds(ids, options.split, seed);
    } catch (e) {
      throw new ImportError(out, (e as Error).message);
    }
    if (train.length === 0 || test.length === 0) {
      throw new ImportError(out, `--split ${options.split.join(',')} of ${ids.length} samples leaves ${train.length === 0 ? 'train' : 'test'} empty; import more samples or change the proportions.`);
    }
    parts = [
      { name: 'train', ids: new Set(train) },
      { name: 'test', ids: new Set(test) },
    ];
  } else {
    parts = [{ name: 'all', ids: new Set(ids) }];
  }
  const dirOf = (name: string, root: string) => (name === 'all' ? root : path.join(root, name));
  const records = new Map<string, _Record[]>(parts.map((p) => [p.name, []]));
  const datasets: WrittenDataset[] = [];
  await replaceDirectory(out, async (tmp) => {
    for (const p of parts) {
      await fs.mkdir(path.join(dirOf(p.name, tmp), 'images'), { recursive: true });
      await fs.mkdir(path.join(dirOf(p.name, tmp), 'masks'), { recursive: true });
    }
    let done = 0;
    for (const s of source.samples) {
      let { image, mask } = await s.load();
      const [w, h] = _targetSize(image.width, image.height, options);
      let m = { data: mask, width: image.width, height: image.height };
      if (w !== image.width || h !== image.height) {
        image = resizeImage(image, w, h);
        m = resizeMask(m, w, h);
      }
      const part = parts.find((p) => p.ids.has(s.id))!;
      const d = dirOf(part.name, tmp);
      await fs.writeFile(path.join(d, 'images', `${s.id}.png`), encodePng({ data: image.data, width: w, height: h, channels: 3 }));
      await fs.writeFile(path.join(d, 'masks', `${s.id}.png`), encodePng({ data: m.data, width: w, height: h, channels: 1 }));
      const pixels = new Array<number>(source.classes.length).fill(0);
      let ignored = 0;
      for (const v of m.data) {
        if (v < pixels.length) pixels[v]++;
        else ignored++;
      }
      records.get(part.name)!.push({ id: s.id, source: s.source, width: w, height: h, pixels, ignored });
      options.onProgress?.(++done, source.samples.length, s.id);
    }
    for (const p of parts) {
      const recs = records.get(p.name)!;
      const d = dirOf(p.name, tmp);
      await writeManifest(path.join(d, 'manifest.jsonl'), recs);
      const same = recs.every((r) => r.width === recs[0]?.width && r.height === recs[0]?.height);
      const pixels = source.classes.map((_, k) => recs.reduce((a, r) => a + r.pixels[k], 0));
      const ignored = recs.reduce((a, r) => a + r.ignored, 0);
      const info: DatasetInfo = {
        format: 'ganseg-dataset',
        version: 1,
        classes: source.classes,
        ignore: IGNORE_INDEX,
        count: recs.length,
        dropped: 0,
        width: same && recs.length ? recs[0].width : null,
        height: same && recs.length ? recs[0].height : null,
        hashes: {},
        options: { maxSide: options.maxSide ?? null, size: options.size ?? null, split: options.split ?? null, seed: options.split ? seed : null, part: p.name },
        source: { format: source.format, path: path.resolve(source.path), ...source.details },
      };
      await writeDatasetInfo(d, info);
      datasets.push({ name: p.name, dir: dirOf(p.name, out), count: recs.length, pixels, ignored });
    }
  });
  return { out, classes: source.classes, datasets };
}
