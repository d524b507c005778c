import type { FeatureGenerator } from './feature-generator.js';
import type { FeatureSpec } from './feature-spec.js';
import { resolveFeatureSpec } from './resolve-feature-spec.js';

/** What {@link estimateFeatureMemory} predicts. */
export interface FeatureMemoryEstimate {
  /** Feature values one sample needs. */
  valuesPerSample: number;
  /** Bytes one sample needs in storage (float32: 4 a value, float16: 2). */
  bytesPerSample: number;
  /** Bytes `n` samples need in storage. */
  totalBytes: number;
  /** Bytes one sample's features take as float32 tensors while being captured or used. */
  computeBytesPerSample: number;
  /** Per level: name, shape and bytes in storage. */
  levels: { name: string; shape: [number, number, number]; bytes: number }[];
}

/**
 * Predicts the memory a feature choice needs before anything runs, from the config alone.
 *
 * @param config The generator's config.
 * @param spec The feature choice.
 * @param n Number of samples.
 * @returns Bytes per sample and in all, per level.
 * @example
 * ```ts
 * const est = estimateFeatureMemory(createConfig({ resolution: 1024 }), { dtype: 'float16' }, 20);
 * console.log((est.totalBytes / 2 ** 30).toFixed(2), 'GiB');
 * ```
 */
export function estimateFeatureMemory(config: FeatureGenerator['config'], spec: FeatureSpec, n: number): FeatureMemoryEstimate {
  const r = resolveFeatureSpec(config, spec);
  const bpv = r.dtype === 'float16' ? 2 : 4;
  const names = r.resize === 'native' ? r.layers : [r.layers.join('+')];
  const levels = r.shapes.map((shape, i) => ({ name: names[i], shape, bytes: shape[0] * shape[1] * shape[2] * bpv }));
  const valuesPerSample = r.shapes.reduce((s, [h, w, c]) => s + h * w * c, 0);
  return {
    valuesPerSample,
    bytesPerSample: valuesPerSample * bpv,
    totalBytes: valuesPerSample * bpv * n,
    computeBytesPerSample: valuesPerSample * 4,
    levels,
  };
}
