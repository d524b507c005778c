/** One array read from a checkpoint: row-major data converted to float32, its original dtype. */
export interface WeightArray {
  shape: number[];
  /** The dtype as stored (`float32`, `float16`, `float64`, `int64`, `int32`, `uint8`, ...). */
  dtype: string;
  data: Float32Array;
}

/** The StyleGAN (v1) configuration, same keys as `@ganseg/stylegan`'s `StyleGANConfig`. */
export interface StyleGANConfig {
  resolution: number;
  latentSize: number;
  dlatentSize: number;
  mappingLayers: number;
  mappingFmaps: number;
  mappingLrmul: number;
  fmapBase: number;
  fmapDecay: number;
  fmapMax: number;
  numChannels: number;
  fusedScaleFrom: number;
}

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
}
