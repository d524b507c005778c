/** One array read from a checkpoint: `@ganseg/checkpoint-readers`' type. */
import type { WeightArray } from '@ganseg/checkpoint-readers';
export type { WeightArray };

/** The StyleGAN (v1 or v2) configuration: `@ganseg/stylegan`'s own type, not a copy. */
import type { StyleGANConfig } from '@ganseg/stylegan';
export type { StyleGANConfig };

/** One entry of the canonical weight spec. */
export interface SpecEntry {
  name: string;
  shape: number[];
}

/** A checkpoint read into canonical (official StyleGAN TF) names and layouts. */
export interface CanonicalCheckpoint {
  /** The format that was read. */
  format: 'pkl' | 'gluon';
  config: StyleGANConfig;
  weights: Record<string, WeightArray>;
  /** Keys found but deliberately dropped (known-unused: `lod`, `ToRGB_lod1..`, Gluon constants). */
  ignored: string[];
  /** Things a user should know (e.g. noise buffers absent from a Gluon file were filled from a seed). */
  notes: string[];
  /** What the file turned out to be, in words: `official StyleGAN2 TensorFlow pickle (Gs ...)`, `StyleGAN2-ADA PyTorch pickle (G_ema, ...)`, ... */
  source: string;
}
