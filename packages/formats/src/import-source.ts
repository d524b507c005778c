import type { ClassInfo } from './class-info.js';
import type { Pixels } from './resize-image.js';


/** One image and its mask, decoded. */
export interface LoadedSample {
  /** RGB bytes, `width * height * 3`. */
  image: Pixels;
  /** Class indices, `width * height` (255 = ignore). */
  mask: Uint8Array;
}

/** One sample of a source, not read yet. */
export interface ImportSample {
  /** The id it gets in the dataset (`images/<id>.png`): the image file's name without extension. */
  id: string;
  /** The image file, as the source names it (for the manifest and for errors). */
  source: string;
  /** Reads, decodes, rasterises and checks the sample; throws an `ImportError` naming the file and id. */
  load(): Promise<LoadedSample>;
}

/** A dataset to import: its classes and samples, as `importCoco`, `importVoc` and `importFolder` read them. */
export interface ImportSource {
  /** `'coco'`, `'voc'` or `'folder'`. */
  format: string;
  /** The file or folder read. */
  path: string;
  /** Class 0 is the background; 255 is the ignore label. */
  classes: ClassInfo[];
  samples: ImportSample[];
  /** What was chosen while reading (category mapping, image set), for `dataset.json`. */
  details: Record<string, unknown>;
}
