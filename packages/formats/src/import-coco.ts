import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ImportError } from './import-error.js';
import type { ClassInfo } from './class-info.js';
import type { ImportSample, ImportSource } from './import-source.js';
import { _checkUniqueIds, _idOf } from './_ids.js';
import { paletteColor } from './palette-color.js';
import { _fillPolygon } from './_polygon.js';
import { _readImage } from './_read-image.js';
import { _rleFill, _rleFromString } from './_rle.js';

/** Options of {@link importCoco}. */
export interface ImportCocoOptions {
  /** The folder of the images (default: the `images/` folder beside the JSON if there is one, else its own folder). */
  images?: string;
  /**
   * The classes to make, in order after background: a category name (`car`), or a new class
   * merging several (`vehicle=car+truck`). Categories not picked become background. Default: every
   * category, by ascending id.
   */
  categories?: string[];
  /** How far a polygon point may lie outside the image, in pixels, before it is refused (default 1). */
  tolerance?: number;
}

interface _Image {
  id: number | string;
  file_name: string;
  width: number;
  height: number;
}
interface _Ann {
  id?: number | string;
  image_id: number | string;
  category_id: number | string;
  segmentation?: unknown;
  iscrowd?: number;
}

function _mapping(file: string, cats: { id: number | string; name: string }[], picked?: string[]) {
  const byName = new Map(cats.map((c) => [c.name, c]));
  const classOf = new Map<string, number>();
  const names = ['background'];
  const merged: Record<string, string[]> = {};
  if (!picked || picked.length === 0) {
    const sorted = [...cats].sort((a, b) => (typeof a.id === 'number' && typeof b.id === 'number' ? a.id - b.id : String(a.id).localeCompare(String(b.id))));
    for (const c of sorted) {
      classOf.set(String(c.id), names.length);
      merged[c.name] = [c.name];
      names.push(c.name);
    }
  } else {
    for (const entry of picked) {
      const eq = entry.indexOf('=');
      const name = (eq >= 0 ? entry.slice(0, eq) : entry).trim();
      const parts = (eq >= 0 ? entry.slice(eq + 1) : entry).split('+').map((s) => s.trim()).filter((s) => s !== '');
      if (name === '' || parts.length === 0) throw new ImportError(file, `--categories "${entry}": expected a category name or new=cat1+cat2.`);
      for (const p of parts) {
        const c = byName.get(p);
        if (!c) throw new ImportError(file, `--categories: unknown category "${p}"; the file has ${cats.map((x) => `"${x.name}"`).join(', ')}.`);
        if (classOf.has(String(c.id))) throw new ImportError(file, `--categories: "${p}" is picked twice.`);
        classOf.set(String(c.id), names.length);
      }
      merged[name] = parts;
      names.push(name);
    }
  }
  if (names.length > 255) throw new ImportError(file, `${names.length - 1} classes; at most 254 fit an 8-bit mask with 255 = ignore (pick some with --categories).`);
  return { names, classOf, merged };
}

/**
 * Reads a COCO `instances` file as an import source: one sample an image, its mask painted from
 * the image's annotations. Polygons are filled at pixel centres (even-odd, the parts of one
 * annotation united), RLE masks decoded (plain `counts` lists and pycocotools' compressed
 * strings); non-crowd annotations are painted in file order (a later one wins where they
 * overlap), then the `iscrowd` regions as 255 (ignore). Category ids become contiguous classes
 * after background (0), or the ones `categories` picks and merges; categories not picked, and
 * their crowds, stay background. The JSON is checked when read
 * (every annotation's image and category exist, segmentations are well formed); each image is
 * checked when loaded (its file exists and decodes, its size is the one the JSON gives, polygons
 * lie within it, RLE sizes match).
 *
 * @param file The instances JSON.
 * @param options Images folder, category pick, polygon tolerance.
 * @returns The source: classes and samples (read when loaded).
 * @throws ImportError naming the file and the image or annotation id.
 * @example
 * ```ts
 * const src = await importCoco('annotations/instances_val.json', { categories: ['vehicle=car+truck'] });
 * console.log(src.classes.map((c) => c.name)); // ['background', 'vehicle']
 * ```
 */
export async function importCoco(file: string, options: ImportCocoOptions = {}): Promise<ImportSource> {
  let json: { images?: unknown; annotations?: unknown; categories?: unknown };
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportError(file, code ? `cannot be read (${code}).` : `not valid JSON (${(e as Error).message}).`);
  }
  if (!json || !Array.isArray(json.images) || !Array.isArray(json.annotations) || !Array.isArray(json.categories)) {
    throw new ImportError(file, 'not a COCO instances file; expected {"images": [...], "annotations": [...], "categories": [...]}.');
  }
  const cats = json.categories as { id: number | string; name: string }[];
  cats.forEach((c, i) => {
    if (!c || (typeof c.id !== 'number' && typeof c.id !== 'string') || typeof c.name !== 'string') throw new ImportError(file, `categories[${i}]: expected {"id", "name"}.`);
  });
  const { names, classOf, merged } = _mapping(file, cats, options.categories);
  const catIds = new Set(cats.map((c) => String(c.id)));
  const images = json.images as _Image[];
  const byImage = new Map<string, _Ann[]>();
  images.forEach((im, i) => {
    if (!im || (typeof im.id !== 'number' && typeof im.id !== 'string') || typeof im.file_name !== 'string' || !(im.width > 0) || !(im.height > 0)) {
      throw new ImportError(file, `images[${i}]: expected {"id", "file_name", "width", "height"}.`);
    }
    if (byImage.has(String(im.id))) throw new ImportError(file, `images[${i}]: image id ${im.id} appears twice.`);
    byImage.set(String(im.id), []);
  });
  (json.annotations as _Ann[]).forEach((a, i) => {
    const aid = `annotation ${a?.id ?? `#${i}`}`;
    if (!a || typeof a !== 'object') throw new ImportError(file, 'expected an object.', `annotations[${i}]`);
    const list = byImage.get(String(a.image_id));
    if (!list) throw new ImportError(file, `image_id ${a.image_id} is not in "images".`, aid);
    if (!catIds.has(String(a.category_id))) {
      throw new ImportError(file, `category_id ${a.category_id} is not in "categories" (ids ${cats.map((c) => c.id).join(', ')}).`, aid);
    }
    const s = a.segmentation;
    const poly = Array.isArray(s) && s.length > 0 && s.every((p) => Array.isArray(p) && p.length >= 6 && p.length % 2 === 0 && p.every((v) => typeof v === 'number' && Number.isFinite(v)));
    const rle = !!s && typeof s === 'object' && !Array.isArray(s) && Array.isArray((s as { size?: unknown }).size) && (Array.isArray((s as { counts?: unknown }).counts) || typeof (s as { counts?: unknown }).counts === 'string');
    if (!poly && !rle) {
      throw new ImportError(file, 'segmentation must be polygons [[x1, y1, x2, y2, x3, y3, ...], ...] or an RLE {"counts", "size": [h, w]} (a box alone makes no mask).', aid);
    }
    list.push(a);
  });
  const dir = path.dirname(file);
  let imagesDir = options.images;
  if (imagesDir === undefined) {
    const beside = path.join(dir, 'images');
    imagesDir = (await fs.stat(beside).then((s) => s.isDirectory()).catch(() => false)) ? beside : dir;
  }
  const tol = options.tolerance ?? 1;
  const samples: ImportSample[] = images.map((im) => {
    const imageFile = path.join(imagesDir!, im.file_name);
    const id = _idOf(im.file_name);
    const who = `image ${im.id}`;
    return {
      id,
      source: im.file_name,
      load: async () => {
        const image = await _readImage(imageFile, who);
        const { width: w, height: h } = image;
        if (w !== im.width || h !== im.height) {
          throw new ImportError(imageFile, `is ${w}x${h}, but ${path.basename(file)} says ${im.width}x${im.height}.`, who);
        }
        const mask = new Uint8Array(w * h);
        const region = new Uint8Array(w * h);
        const crowds: Uint8Array[] = [];
        for (const a of byImage.get(String(im.id))!) {
          const aid = `annotation ${a.id ?? '?'} (image ${im.id})`;
          region.fill(0);
          const s = a.segmentation as number[][] | { counts: number[] | string; size: number[] };
          if (Array.isArray(s)) {
            for (const p of s) {
              for (let i = 0; i < p.length; i += 2) {
                if (p[i] < -tol || p[i] > w + tol || p[i + 1] < -tol || p[i + 1] > h + tol) {
                  throw new ImportError(file, `polygon point (${p[i]}, ${p[i + 1]}) lies outside the ${w}x${h} image (${im.file_name}).`, aid);
                }
              }
              _fillPolygon(p, w, h, region);
            }
          } else {
            if (s.size.length !== 2 || s.size[0] !== h || s.size[1] !== w) {
              throw new ImportError(file, `RLE size [${s.size.join(', ')}]; the image ${im.file_name} is [${h}, ${w}] (height, width).`, aid);
            }
            try {
              _rleFill(typeof s.counts === 'string' ? _rleFromString(s.counts) : s.counts, w, h, region);
            } catch (e) {
              throw new ImportError(file, `${(e as Error).message}.`, aid);
            }
          }
          const k = classOf.get(String(a.category_id)) ?? 0;
          if (a.iscrowd) {
            if (k !== 0) crowds.push(region.slice());
          } else if (k !== 0) {
            for (let i = 0; i < region.length; i++) if (region[i]) mask[i] = k;
          }
        }
        for (const r of crowds) for (let i = 0; i < r.length; i++) if (r[i]) mask[i] = 255;
        return { image, mask };
      },
    };
  });
  _checkUniqueIds(file, samples);
  const classes: ClassInfo[] = names.map((name, k) => ({ name, color: paletteColor(k) }));
  return { format: 'coco', path: file, classes, samples, details: { images: imagesDir, categories: merged, crowd: 'ignore (255)' } };
}
