import { importCoco } from './import-coco.js';
import { ImportError } from './import-error.js';
import { importFolder } from './import-folder.js';
import { importVoc } from './import-voc.js';
import { writeDataset, type WriteDatasetOptions, type WriteDatasetResult } from './write-dataset.js';

/** Options of {@link importDataset}. */
export interface ImportDatasetOptions extends WriteDatasetOptions {
  /** `coco` (an instances JSON), `voc` (a VOC folder) or `folder` (images/ + masks/). */
  format: 'coco' | 'voc' | 'folder';
  /** The JSON file (coco) or the folder (voc, folder). */
  source: string;
  /** The dataset folder to create. */
  out: string;
  /** COCO: the images folder. */
  images?: string;
  /** VOC and folder: the class names, background first; COCO: the categories (as `categories`; a leading `background` is dropped). */
  classes?: string[];
  /** COCO: the categories to keep (`car`) or merge (`vehicle=car+truck`). */
  categories?: string[];
  /** VOC: an image set of `ImageSets/Segmentation/`. */
  imageSet?: string;
}

/**
 * Imports a COCO, PASCAL VOC or plain-folder dataset into ganseg's dataset layout: reads it with
 * `importCoco`, `importVoc` or `importFolder`, then `writeDataset` (resize, split, atomic write).
 *
 * @param options Format, source, output folder and the options of the reader and the writer.
 * @returns Where each dataset went, with counts.
 * @throws ImportError naming the file and the sample or annotation id; the output is left untouched.
 * @example
 * ```ts
 * await importDataset({ format: 'coco', source: 'instances.json', out: 'data/cars', categories: ['car'], maxSide: 512, split: [20, 80] });
 * ```
 */
export async function importDataset(options: ImportDatasetOptions): Promise<WriteDatasetResult> {
  const { format, source, out } = options;
  let src;
  if (format === 'coco') {
    // --classes background,car for COCO means the categories after the background
    const fromClasses = options.classes?.[0] === 'background' ? options.classes.slice(1) : options.classes;
    src = await importCoco(source, { images: options.images, categories: options.categories ?? fromClasses });
  }
  else if (format === 'voc') src = await importVoc(source, { classes: options.classes, imageSet: options.imageSet });
  else if (format === 'folder') src = await importFolder(source, { classes: options.classes! });
  else throw new ImportError(source, `--format ${String(format)}: expected coco, voc or folder.`);
  return writeDataset(src, out, options);
}
