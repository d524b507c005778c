import type { ManifestRecord } from '@ganseg/formats';

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

/** A `manifest.jsonl` line of generated data: seed and uncertainty always set. @internal */
export type SynthRecord = ManifestRecord & { seed: number; uncertainty: number };
