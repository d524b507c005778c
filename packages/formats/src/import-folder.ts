import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ImportError } from './import-error.js';
import type { ClassInfo } from './class-info.js';
import type { ImportSample, ImportSource } from './import-source.js';
import { _checkUniqueIds } from './_ids.js';
import { paletteColor } from './palette-color.js';
import { _readMask } from './_read-mask.js';
import { _readImage } from './_read-image.js';

/** Options of {@link importFolder}. */
export interface ImportFolderOptions {
  /** Class names, background first (class id k is the k-th name). */
  classes: string[];
}

const _IMAGE = /\.(jpe?g|png)$/i;

/**
 * Reads a plain folder as an import source: `images/<name>.jpg|jpeg|png` photos and
 * `masks/<name>.png` class-index masks (grey, or palette PNGs read by palette index; 255 =
 * ignore), paired by name.
 *
 * @param dir The folder holding `images/` and `masks/`.
 * @param options The class names.
 * @returns The source: classes and samples (read when loaded).
 * @throws ImportError naming the file: an image without a mask or a mask without an image, two
 *   images of one name, a mask of another size than its image, a class id with no name.
 * @example
 * ```ts
 * const src = await importFolder('my-photos', { classes: ['background', 'car'] });
 * ```
 */
export async function importFolder(dir: string, options: ImportFolderOptions): Promise<ImportSource> {
  const names = options.classes;
  if (!Array.isArray(names) || names.length < 1 || names.length > 255) {
    throw new ImportError(dir, 'give the class names, background first, with --classes background,a,b,... (1 to 255).');
  }
  const imageDir = path.join(dir, 'images');
  const maskDir = path.join(dir, 'masks');
  const list = async (d: string, what: string) => {
    try {
      return (await fs.readdir(d)).filter((n) => !n.startsWith('.')).sort();
    } catch {
      throw new ImportError(d, `missing: a folder to import holds images/ (JPEG or PNG) and masks/ (class-index PNG); ${what}.`);
    }
  };
  const images = (await list(imageDir, 'no images/')).filter((n) => _IMAGE.test(n));
  const masks = (await list(maskDir, 'no masks/')).filter((n) => n.toLowerCase().endsWith('.png'));
  if (images.length === 0) throw new ImportError(imageDir, 'no .jpg, .jpeg or .png images.');
  const stem = (n: string) => n.replace(/\.[^.]*$/, '');
  const haveImage = new Set(images.map(stem));
  const orphan = masks.find((m) => !haveImage.has(stem(m)));
  if (orphan) throw new ImportError(path.join(maskDir, orphan), `has no image images/${stem(orphan)}.jpg or .png.`, stem(orphan));
  const haveMask = new Set(masks.map(stem));
  const lonely = images.find((n) => !haveMask.has(stem(n)));
  if (lonely) throw new ImportError(path.join(imageDir, lonely), `has no mask masks/${stem(lonely)}.png.`, stem(lonely));
  const classes: ClassInfo[] = names.map((name, k) => ({ name, color: paletteColor(k) }));
  const samples: ImportSample[] = images.map((n) => {
    const id = stem(n).replace(/[^A-Za-z0-9._-]/g, '_') || '_';
    return {
      id,
      source: `images/${n}`,
      load: async () => {
        const image = await _readImage(path.join(imageDir, n), id);
        const maskFile = path.join(maskDir, `${stem(n)}.png`);
        const mask = await _readMask(maskFile, id, { width: image.width, height: image.height, imageName: n, numClasses: classes.length });
        return { image, mask };
      },
    };
  });
  _checkUniqueIds(dir, samples);
  return { format: 'folder', path: dir, classes, samples, details: {} };
}
