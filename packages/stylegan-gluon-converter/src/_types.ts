/** One array read from a checkpoint: row-major data converted to float32, its original dtype. */
export interface WeightArray {
  shape: number[];
  /** The dtype as stored (`float32`, `float16`, `float64`, `int64`, `int32`, `uint8`, ...). */
  dtype: string;
  data: Float32Array;
}

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
