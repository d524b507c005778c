import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readDatasetInfo, writeClasses, writeDatasetInfo, writeManifest, type DatasetInfo, type ManifestRecord } from '@ganseg/formats';
import { atomicWriteFile, decodePng, encodePng, pathExists } from '@ganseg/io';
import { carClasses } from './car-classes.js';
import type { CarVariant } from './car-classes.js';
import { renderScene, SceneLayoutError } from './render-scene.js';
import type { SceneLayout } from './render-scene.js';

/** Options of {@link writeRealDataset}. */
export interface WriteRealDatasetOptions {
  /** The scenes to write. */
  seeds: readonly number[];
  /** Image size (default 64). */
  size?: number;
  /** Mask classes (default `binary`). */
  variant?: CarVariant;
  /** What the camera frames (default `street`); recorded in `dataset.json`. */
  layout?: SceneLayout;
  /** Called after each scene with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** What {@link writeRealDataset} wrote. */
export interface WriteRealDatasetResult {
  count: number;
  /** Scenes already on disk and kept. */
  skipped: number;
  /** Pixels of each class over the whole dataset. */
  pixels: number[];
}

/**
 * Writes rendered scenes in the dataset layout shared by real and synthetic data:
 * `images/<id>.png` (RGB), `masks/<id>.png` (8-bit class index), `manifest.jsonl` (id, seed,
 * uncertainty 0, pixels per class), `dataset.json` (classes, counts, renderer hash) and
 * `classes.json`. Every file goes through a temporary name and a rename; scenes already on disk
 * are kept (a killed run resumes), and since a scene is a pure function of its seed the result
 * is the same either way. Ids are the seed zero-padded to six digits. A folder whose
 * `dataset.json` names another layout is refused ({@link SceneLayoutError}) rather than mixed.
 *
 * @param out The dataset folder (created).
 * @param opts Seeds, size, variant, layout, progress.
 * @returns Counts.
 * @example
 * ```ts
 * await writeRealDataset('data/test-binary', { seeds: carSeeds('test'), variant: 'binary' });
 * await writeRealDataset('data/car-centric/test-multi', { seeds: carSeeds('test'), variant: 'multi', layout: 'car-centric' });
 * ```
 */
export async function writeRealDataset(out: string, opts: WriteRealDatasetOptions): Promise<WriteRealDatasetResult> {
  const size = opts.size ?? 64;
  const variant = opts.variant ?? 'binary';
  const layout = opts.layout ?? 'street';
  const cl = carClasses(variant);
  const infoFile = path.join(out, 'dataset.json');
  if (await pathExists(infoFile)) {
    const had = ((await readDatasetInfo(out)).options as { layout?: string }).layout ?? 'street';
    if (had !== layout) {
      throw new SceneLayoutError(`${infoFile}: the folder holds "${had}" scenes, asked for "${layout}"; write them to another folder or delete this one.`);
    }
  }
  const nc = cl.classes.length;
  await fs.mkdir(path.join(out, 'images'), { recursive: true });
  await fs.mkdir(path.join(out, 'masks'), { recursive: true });
  const seeds = [...new Set(opts.seeds)].sort((a, b) => a - b);
  const lines: ManifestRecord[] = [];
  const total = new Array(nc).fill(0);
  const hash = createHash('sha256');
  let skipped = 0;
  for (let k = 0; k < seeds.length; k++) {
    const seed = seeds[k];
    const id = seed < 0 ? `m${String(-seed).padStart(6, '0')}` : String(seed).padStart(6, '0');
    const imgFile = path.join(out, 'images', `${id}.png`);
    const maskFile = path.join(out, 'masks', `${id}.png`);
    let maskPng: Buffer;
    let imgPng: Buffer;
    if ((await pathExists(imgFile)) && (await pathExists(maskFile))) {
      imgPng = await fs.readFile(imgFile);
      maskPng = await fs.readFile(maskFile);
      skipped++;
    } else {
      const s = renderScene(seed, { size, variant, layout });
      imgPng = encodePng({ data: s.image, width: s.width, height: s.height, channels: 3 });
      maskPng = encodePng({ data: s.mask, width: s.width, height: s.height, channels: 1 });
      await atomicWriteFile(imgFile, imgPng);
      await atomicWriteFile(maskFile, maskPng);
    }
    const mask = decodePng(maskPng, { channels: 1 }).data;
    const pixels = new Array(nc).fill(0);
    for (const c of mask) if (c < nc) pixels[c]++;
    pixels.forEach((p, i) => (total[i] += p));
    hash.update(imgPng).update(maskPng);
    lines.push({ id, seed, uncertainty: 0, pixels });
    opts.onProgress?.(k + 1, seeds.length);
  }
  await writeManifest(path.join(out, 'manifest.jsonl'), lines);
  await writeClasses(out, cl.classes);
  const info: DatasetInfo = {
    format: 'ganseg-dataset',
    version: 1,
    classes: cl.classes,
    ignore: cl.ignore,
    count: seeds.length,
    dropped: 0,
    width: size,
    height: size,
    hashes: { renderer: 'dataset-cars@0.1.0', content: hash.digest('hex').slice(0, 16) },
    options: { source: 'rendered', domain: 'cars', variant, layout, size, pixels: total },
    seeds: { start: seeds[0] ?? 0, n: seeds.length, shard: '0/1' },
  };
  await writeDatasetInfo(out, info);
  return { count: seeds.length, skipped, pixels: total };
}
