import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ImportError } from './import-error.js';
import type { ClassInfo } from './class-info.js';
import type { ImportSample, ImportSource } from './import-source.js';
import { _checkUniqueIds } from './_ids.js';
import { paletteColor } from './palette-color.js';
import { _readMask } from './_read-mask.js';
import { _readImage } from './_read-image.js';

/** Options of {@link importVoc}. */
export interface ImportVocOptions {
  /** Class names, background first (default: the names of `labelmap.txt`). */
  classes?: string[];
  /** An image set of `ImageSets/Segmentation/` (`train`, `val`, ...); default: every mask in `SegmentationClass/`. */
  imageSet?: string;
}

const _EXTS = ['.jpg', '.jpeg', '.JPG', '.JPEG', '.png', '.PNG'];

/** `labelmap.txt` (CVAT / VOC export): `name:r,g,b::` a line, `#` comments. */
async function _labelmap(file: string): Promise<{ names: string[]; colors: [number, number, number][] } | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
  const names: string[] = [];
  const colors: [number, number, number][] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [name, rgb] = line.split(':');
    const c = (rgb ?? '').split(',').map((v) => Number(v));
    if (!name || c.length !== 3 || c.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) {
      throw new ImportError(file, `line ${i + 1} "${line}": expected name:r,g,b:: (colours 0..255).`);
    }
    names.push(name);
    colors.push(c as [number, number, number]);
  });
  if (names.length === 0) throw new ImportError(file, 'no classes.');
  return { names, colors };
}

/**
 * Reads a PASCAL VOC style folder as an import source: `SegmentationClass/<id>.png` masks, palette
 * PNGs whose palette index is the class (the palette read from each file; index 255, VOC's
 * boundary colour, is ignore), or grey PNGs of class ids, or, with a `labelmap.txt` beside them,
 * masks whose colours the labelmap names (RGB masks of CVAT's export too); and
 * `JPEGImages/<id>.jpg` (or `.png`) photos. Class names come from `classes` or `labelmap.txt`.
 *
 * @param dir The folder holding `JPEGImages/` and `SegmentationClass/` (e.g. `VOCdevkit/VOC2012`).
 * @param options Class names, image set.
 * @returns The source: classes and samples (read when loaded).
 * @throws ImportError naming the file and the sample id: a missing folder, image or mask, a mask
 *   of another size than its image, a class id with no name, a colour the labelmap lacks.
 * @example
 * ```ts
 * const src = await importVoc('VOCdevkit/VOC2012', { imageSet: 'val', classes: ['background', 'aeroplane'] });
 * ```
 */
export async function importVoc(dir: string, options: ImportVocOptions = {}): Promise<ImportSource> {
  const maskDir = path.join(dir, 'SegmentationClass');
  const imageDir = path.join(dir, 'JPEGImages');
  let ids: string[];
  if (options.imageSet) {
    const list = path.join(dir, 'ImageSets', 'Segmentation', `${options.imageSet}.txt`);
    let text: string;
    try {
      text = await fs.readFile(list, 'utf8');
    } catch {
      throw new ImportError(list, 'missing: the image set asked for.');
    }
    ids = text.split('\n').map((l) => l.trim().split(/\s+/)[0]).filter((l) => l !== '');
  } else {
    let names: string[];
    try {
      names = await fs.readdir(maskDir);
    } catch {
      throw new ImportError(maskDir, 'missing: a VOC folder holds SegmentationClass/<id>.png masks and JPEGImages/<id>.jpg photos.');
    }
    ids = names.filter((n) => n.endsWith('.png') && !n.startsWith('.')).map((n) => n.slice(0, -4)).sort();
  }
  if (ids.length === 0) throw new ImportError(maskDir, 'no masks.');
  const lm = await _labelmap(path.join(dir, 'labelmap.txt'));
  const names = options.classes ?? lm?.names;
  if (!names) throw new ImportError(path.join(dir, 'labelmap.txt'), 'missing; give the class names with --classes background,a,b,... (in palette index order).');
  if (names.length < 1 || names.length > 255) throw new ImportError(dir, `${names.length} classes; expected 1 to 255.`);
  let colorMap: Map<number, number> | undefined;
  if (lm) {
    colorMap = new Map([[(224 << 16) | (224 << 8) | 192, 255]]);
    lm.colors.forEach((c, k) => colorMap!.set((c[0] << 16) | (c[1] << 8) | c[2], k));
  }
  const classes: ClassInfo[] = names.map((name, k) => ({ name, color: lm?.colors[k] ?? paletteColor(k) }));
  const samples: ImportSample[] = ids.map((id) => ({
    id,
    source: `JPEGImages/${id}`,
    load: async () => {
      let imageFile = path.join(imageDir, `${id}.jpg`);
      for (const e of _EXTS) {
        const f = path.join(imageDir, `${id}${e}`);
        if (await fs.stat(f).then(() => true, () => false)) {
          imageFile = f;
          break;
        }
      }
      const image = await _readImage(imageFile, id);
      const maskFile = path.join(maskDir, `${id}.png`);
      const mask = await _readMask(maskFile, id, { width: image.width, height: image.height, imageName: path.basename(imageFile), numClasses: classes.length, colors: colorMap });
      return { image, mask };
    },
  }));
  _checkUniqueIds(dir, samples);
  return { format: 'voc', path: dir, classes, samples, details: { imageSet: options.imageSet ?? null, labelmap: lm ? 'labelmap.txt' : null } };
}
