/** One generated pair, as a renderer returns it. */
export interface SynthSample {
  /** The seed that made it (the sample is a pure function of the seed and the weights). */
  seed: number;
  width: number;
  height: number;
  /** RGB bytes, `width*height*3`. */
  image: Uint8Array;
  /** Class indices, `width*height` (255 = ignore). */
  mask: Uint8Array;
  /** The image's uncertainty (see `imageUncertainty`). */
  uncertainty: number;
}

/** One line of `manifest.jsonl`. */
export interface ManifestRecord {
  id: string;
  seed: number;
  uncertainty: number;
  /** Pixels of each class, indexed by class id. */
  pixels: number[];
}

/** A class of the dataset: its name and display colour. */
export interface DatasetClass {
  name: string;
  color: [number, number, number];
}

/** `dataset.json`. */
export interface DatasetInfo {
  format: 'ganseg-dataset';
  version: 1;
  classes: DatasetClass[];
  ignore: number;
  count: number;
  dropped: number;
  width: number;
  height: number;
  /** Hashes of the weights that made the data: datasets with other hashes never merge. */
  hashes: Record<string, string>;
  /** The options of the command, for the record. */
  options: Record<string, unknown>;
  /** Which seeds this folder holds. */
  seeds: { start: number; n: number; shard: string };
}
