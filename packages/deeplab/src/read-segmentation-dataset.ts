import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeClassMask, decodeImage, PngError, readPngHeader } from '@ganseg/io';
import { DatasetLayoutError, readDatasetInfo, readManifest, type ClassInfo } from '@ganseg/formats';

/** One image and its mask, decoded. */
export interface SegmentationSample {
  id: string;
  width: number;
  height: number;
  /** RGB bytes, `width*height*3`. */
  image: Uint8Array;
  /** Class indices, `width*height` (the ignore label where unlabelled). */
  mask: Uint8Array;
}

/** A dataset folder, read and checked. */
export interface SegmentationDataset {
  dir: string;
  classes: ClassInfo[];
  /** The ignore label (255). */
  ignore: number;
  samples: SegmentationSample[];
}

const _IMAGE_EXTS = ['.png', '.jpg', '.jpeg'];

/** `images/<id>.png`, else `.jpg` or `.jpeg` when that exists (the .png name when none does). */
async function _imageFile(dir: string, id: string): Promise<string> {
  for (const e of _IMAGE_EXTS) {
    const f = path.join(dir, 'images', `${id}${e}`);
    if (await fs.stat(f).then(() => true, () => false)) return f;
  }
  return path.join(dir, 'images', `${id}.png`);
}

async function _read(file: string, what: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw new DatasetLayoutError(file, `is a directory (${what}); expected a file.`);
    throw new DatasetLayoutError(file, `missing (${what}).`);
  }
}

/**
 * Reads a dataset in ganseg's layout, real or synthetic alike: `dataset.json` (its `classes`, and
 * `ignore`, default 255), `images/<id>.png` (or `.jpg` / `.jpeg`: PNG or JPEG, told by the bytes;
 * images may differ in size), `masks/<id>.png` (class indices, 255 = ignore: grey PNG of 1 to 16
 * bits read unscaled, or palette indices; an RGB mask is refused, never read by one channel),
 * and, if present, `manifest.jsonl` (the ids to use, one JSON object with `id` a line; without it
 * every `images/*.{png,jpg,jpeg}` is used). Everything is checked before anything is returned: an image
 * without its mask (or a mask without its image), an image and mask of different sizes (checked
 * on the mask's header, before decoding), a class id at or above the class count, an RGB mask, a
 * damaged PNG (CRC, zlib), a directory: each fails with a {@link DatasetLayoutError} naming the file.
 *
 * @param dir The dataset folder.
 * @returns The classes and every sample, decoded (RGB and class indices).
 * @example
 * ```ts
 * const ds = await readSegmentationDataset('out/cars-synth');
 * console.log(ds.samples.length, ds.classes.map((c) => c.name));
 * ```
 */
export async function readSegmentationDataset(dir: string): Promise<SegmentationDataset> {
  const { classes, ignore } = await readDatasetInfo(dir);
  const manifest = path.join(dir, 'manifest.jsonl');
  let ids: string[];
  const records = await readManifest(dir);
  const fromManifest = records !== null;
  if (records) {
    ids = records.map((r) => r.id);
  } else {
    let names: string[];
    try {
      names = await fs.readdir(path.join(dir, 'images'));
    } catch {
      throw new DatasetLayoutError(path.join(dir, 'images'), 'missing: a dataset holds images/<id>.png and masks/<id>.png.');
    }
    const seen = new Set<string>();
    ids = [];
    for (const n of names.filter((x) => !x.startsWith('.')).sort()) {
      const ext = path.extname(n).toLowerCase();
      if (!_IMAGE_EXTS.includes(ext)) continue;
      const id = n.slice(0, -ext.length);
      if (seen.has(id)) throw new DatasetLayoutError(path.join(dir, 'images', n), `a second image of id ${id}; keep one of ${id}.png, ${id}.jpg, ${id}.jpeg.`);
      seen.add(id);
      ids.push(id);
    }
    let masks: string[] = [];
    try {
      masks = (await fs.readdir(path.join(dir, 'masks'))).filter((n) => n.endsWith('.png') && !n.startsWith('.'));
    } catch {
      // reported below as the first image's missing mask
    }
    const have = new Set(ids);
    const orphan = masks.find((m) => !have.has(m.slice(0, -4)));
    if (orphan) throw new DatasetLayoutError(path.join(dir, 'masks', orphan), `has no image images/${orphan}.`);
  }
  if (ids.length === 0) throw new DatasetLayoutError(fromManifest ? manifest : path.join(dir, 'images'), 'no samples.');
  const samples: SegmentationSample[] = [];
  for (const id of ids) {
    const imageFile = await _imageFile(dir, id);
    const maskFile = path.join(dir, 'masks', `${id}.png`);
    const img = await _read(imageFile, fromManifest ? 'listed in manifest.jsonl' : 'image');
    const msk = await _read(maskFile, `the mask of images/${id}.png`);
    let image, mask;
    try {
      image = decodeImage(img, { channels: 3 });
    } catch (e) {
      throw new DatasetLayoutError(imageFile, `${(e as Error).message}.`);
    }
    // The mask's header against its image before its pixels are decoded; then class indices as
    // stored (grey of any depth or palette indices, never an RGB mask's red channel).
    let head;
    try {
      head = readPngHeader(msk);
    } catch (e) {
      throw new DatasetLayoutError(maskFile, `${(e as Error).message}.`);
    }
    if (image.width !== head.width || image.height !== head.height) {
      throw new DatasetLayoutError(maskFile, `${head.width}x${head.height}, but its image is ${image.width}x${image.height}.`);
    }
    try {
      mask = decodeClassMask(msk, { width: image.width, height: image.height, numClasses: classes.length, ignore, format: 'index' });
    } catch (e) {
      if (!(e instanceof PngError) || e.x === undefined) throw new DatasetLayoutError(maskFile, `${(e as Error).message}.`);
      throw new DatasetLayoutError(
        maskFile,
        `class id ${e.found} at (x ${e.x}, y ${e.y}), but dataset.json has ${classes.length} classes (ids 0..${classes.length - 1}, ${ignore} = ignore).`,
      );
    }
    samples.push({ id, width: image.width, height: image.height, image: image.data, mask: mask.mask });
  }
  return { dir, classes, ignore, samples };
}
