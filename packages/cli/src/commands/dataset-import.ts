import { importDataset, type ImportDatasetOptions } from '@ganseg/formats';

/** The options of `ganseg dataset import`, as cac parses them. */
export interface DatasetImportCliOptions {
  out?: string;
  format?: string;
  images?: string;
  classes?: string;
  categories?: string;
  imageSet?: string;
  maxSide?: number | string;
  size?: string | number;
  split?: string;
  seed?: number | string;
}

const _list = (v: string | undefined) => (v === undefined ? undefined : String(v).split(',').map((s) => s.trim()).filter((s) => s !== ''));

/**
 * `ganseg dataset import <src> -o <dir> --format coco|voc|folder`: a COCO instances file, a VOC
 * folder or a plain images/ + masks/ folder into the dataset layout (see `@ganseg/formats`).
 *
 * @param src The COCO JSON or the folder.
 * @param opts The parsed options.
 * @param write Where the summary goes (default stdout).
 * @returns Resolves when the dataset is written.
 * @example
 * ```ts
 * await runDatasetImport('instances.json', { out: 'data/real', format: 'coco', split: '20,80' });
 * ```
 */
export async function runDatasetImport(src: string | undefined, opts: DatasetImportCliOptions, write = (s: string) => void process.stdout.write(s)): Promise<void> {
  if (!src) throw new Error('dataset import: give the source, a COCO instances .json or a folder: `dataset import <src> -o <dir> --format coco|voc|folder`.');
  if (!opts.out) throw new Error('dataset import: -o <dir> is required (a new folder).');
  const format = opts.format ?? (src.toLowerCase().endsWith('.json') ? 'coco' : undefined);
  if (format !== 'coco' && format !== 'voc' && format !== 'folder') {
    throw new Error(`dataset import: --format ${format ?? '(none)'}; expected coco, voc or folder.`);
  }
  let size: [number, number] | undefined;
  if (opts.size !== undefined) {
    const m = /^(\d+)(?:x(\d+))?$/.exec(String(opts.size));
    if (!m) throw new Error(`dataset import: --size ${opts.size}; expected WIDTHxHEIGHT (e.g. 512x384) or one side for a square.`);
    size = [Number(m[1]), Number(m[2] ?? m[1])];
  }
  let split: [number, number] | undefined;
  if (opts.split !== undefined) {
    const parts = String(opts.split).split(',').map(Number);
    if (parts.length !== 2 || parts.some((v) => !Number.isFinite(v))) throw new Error(`dataset import: --split ${opts.split}; expected two proportions, train,test (e.g. 20,80).`);
    split = [parts[0], parts[1]];
  }
  const options: ImportDatasetOptions = {
    format,
    source: src,
    out: opts.out,
    images: opts.images,
    classes: _list(opts.classes),
    categories: _list(opts.categories),
    imageSet: opts.imageSet,
    maxSide: opts.maxSide === undefined ? undefined : Number(opts.maxSide),
    size,
    split,
    seed: opts.seed === undefined ? undefined : Number(opts.seed),
    onProgress: (d, t) => {
      if (process.stderr.isTTY) process.stderr.write(`\rimport ${d}/${t}${d === t ? '\n' : ''}`);
    },
  };
  const r = await importDataset(options);
  const names = r.classes.map((c) => c.name);
  for (const d of r.datasets) {
    const total = d.pixels.reduce((a, b) => a + b, 0);
    const share = names.map((n, k) => `${n} ${total ? ((100 * d.pixels[k]) / total).toFixed(1) : '0.0'}%`).join(', ');
    write(`${d.dir}: ${d.count} samples; pixels: ${share}; ignored ${d.ignored}\n`);
  }
  write(`classes: ${names.map((n, k) => `${k} ${n}`).join(', ')} (255 = ignore)\n`);
}
