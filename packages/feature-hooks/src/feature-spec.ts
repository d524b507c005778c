/**
 * Which generator activations feed a decoder, and how they are resized and stored.
 *
 * @example
 * ```ts
 * const spec: FeatureSpec = { layers: ['16x16', '32x32'], resize: 'bilinear', size: 32, dtype: 'float16' };
 * ```
 */
export interface FeatureSpec {
  /**
   * Activation names (see `StyleGAN.activationNames()`), coarse to fine. Default: every block
   * output `'4x4'` .. `'{R}x{R}'`, as in the paper.
   */
  layers?: string[];
  /**
   * `'native'` keeps each level at its own resolution (the conv decoder's input);
   * `'bilinear'` upsamples every level to `size` and concatenates them along channels (the
   * per-pixel MLP's input). Default `'native'`.
   */
  resize?: 'native' | 'bilinear';
  /** Target side for `'bilinear'`; default the generator's resolution. */
  size?: number;
  /** Storage precision in a `FeatureStore`; compute is always float32. Default `'float32'`. */
  dtype?: 'float32' | 'float16';
}

/** A {@link FeatureSpec} with every default filled in and the shape of every level known. */
export interface ResolvedFeatureSpec {
  layers: string[];
  resize: 'native' | 'bilinear';
  size: number;
  dtype: 'float32' | 'float16';
  /** One entry a layer: its side (before resizing) and channel count. */
  levels: { name: string; res: number; channels: number }[];
  /**
   * Rows captureFeatures drops from the top and bottom of the common-size map: the generator's
   * `config.crop` scaled by size / resolution (0, 0 without a crop).
   */
  crop: { top: number; bottom: number };
  /** The per-sample shapes captureFeatures returns, [H, W, C] each (one entry for 'bilinear'). */
  shapes: [number, number, number][];
}
