import type { FeatureGenerator } from './feature-generator.js';
import type { FeatureSpec, ResolvedFeatureSpec } from './feature-spec.js';
import { FeatureSpecError } from './feature-spec-error.js';
import { activationShapes } from '@ganseg/stylegan';

type GenConfig = FeatureGenerator['config'];

/** Side and channel count of an activation name (stylegan's `activationShapes`), or null when the name is not one StyleGAN has. */
function _levelOf(c: GenConfig, name: string): { res: number; channels: number } | null {
  const shapes = activationShapes(c);
  if (!Object.prototype.hasOwnProperty.call(shapes, name)) return null;
  return { res: shapes[name][0], channels: shapes[name][2] };
}

/**
 * Fills in a {@link FeatureSpec}'s defaults and works out every level's shape from the
 * generator's config alone (nothing is run).
 *
 * @param config The generator's config (`gen.config`).
 * @param spec What to capture; `{}` gives the paper's choice (every block output, native sizes).
 * @returns The resolved spec, with `levels` and per-sample `shapes`.
 * @throws FeatureSpecError for an unknown layer, an unsorted list or a bad size.
 * @example
 * ```ts
 * const r = resolveFeatureSpec(gen.config, {});
 * r.layers; // ['4x4', '8x8', ..., '256x256']
 * ```
 */
export function resolveFeatureSpec(config: GenConfig, spec: FeatureSpec = {}): ResolvedFeatureSpec {
  const R = config.resolution;
  const layers = spec.layers ?? Array.from({ length: Math.log2(R) - 1 }, (_, i) => `${4 << i}x${4 << i}`);
  if (layers.length === 0) throw new FeatureSpecError('FeatureSpec.layers is empty; expected at least one activation name such as "16x16".');
  const levels = layers.map((name) => {
    const l = _levelOf(config, name);
    if (!l) {
      throw new FeatureSpecError(
        `FeatureSpec.layers: unknown activation "${name}" for a ${R}x${R} generator; expected a block output "4x4".."${R}x${R}", an inner layer such as "8x8/Conv0_up", or "image".`,
      );
    }
    return { name, ...l };
  });
  for (let i = 1; i < levels.length; i++) {
    if (levels[i].res < levels[i - 1].res) {
      throw new FeatureSpecError(`FeatureSpec.layers must go coarse to fine; found "${levels[i - 1].name}" before "${levels[i].name}".`);
    }
  }
  const resize = spec.resize ?? 'native';
  if (resize !== 'native' && resize !== 'bilinear') throw new FeatureSpecError(`FeatureSpec.resize is "${String(resize)}"; expected "native" or "bilinear".`);
  const size = spec.size ?? R;
  if (!Number.isInteger(size) || size < 1) throw new FeatureSpecError(`FeatureSpec.size is ${size}; expected a positive integer.`);
  const dtype = spec.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float16') throw new FeatureSpecError(`FeatureSpec.dtype is "${String(dtype)}"; expected "float32" or "float16".`);
  const crop = _scaledCrop(config, resize, size);
  const shapes: [number, number, number][] =
    resize === 'native'
      ? levels.map((l) => [l.res, l.res, l.channels])
      : [[size - crop.top - crop.bottom, size, levels.reduce((s, l) => s + l.channels, 0)]];
  return { layers: [...layers], resize, size, dtype, levels, crop, shapes };
}

/** The generator's crop in rows of the common size (a cropped generator needs 'bilinear' and whole rows). */
function _scaledCrop(config: GenConfig, resize: 'native' | 'bilinear', size: number): { top: number; bottom: number } {
  const c = config.crop;
  if (!c || (c.top === 0 && c.bottom === 0)) return { top: 0, bottom: 0 };
  const R = config.resolution;
  if (resize === 'native') {
    throw new FeatureSpecError(`FeatureSpec.resize is "native" but the generator crops its images (config.crop ${c.top}, ${c.bottom} rows of ${R}); expected "bilinear", which crops every level at the common size.`);
  }
  const top = (c.top * size) / R;
  const bottom = (c.bottom * size) / R;
  if (!Number.isInteger(top) || !Number.isInteger(bottom)) {
    throw new FeatureSpecError(`FeatureSpec.size ${size} cuts the generator's crop (${c.top}, ${c.bottom} rows of ${R}) into fractional rows (${top}, ${bottom}); expected a size at which both are whole rows, such as ${R}.`);
  }
  return { top, bottom };
}
