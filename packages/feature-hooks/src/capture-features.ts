import * as tf from '@tensorflow/tfjs-core';
import type { FeatureGenerator } from './feature-generator.js';
import type { FeatureSpec } from './feature-spec.js';
import { resolveFeatureSpec } from './resolve-feature-spec.js';

/** Options of {@link captureFeatures}. */
export interface CaptureOptions {
  /** Noise maps, one a synthesis layer (see `noiseFromSeed`); default the generator's stored noise. */
  noise?: tf.Tensor4D[];
}

/** Features of a batch, as {@link captureFeatures} returns them. */
export interface CapturedFeatures {
  /** The generated images [N, R - crop, R, 3] in about [-1, 1] (cropped as the generator's config says). */
  image: tf.Tensor4D;
  /**
   * `'native'`: one tensor a layer [N, res, res, C], in `spec.layers` order.
   * `'bilinear'`: one tensor [N, size, size, sum C]; for a generator with `config.crop`, the rows
   * of the cropped image only, [N, size - crop rows scaled to size, size, sum C].
   */
  maps: tf.Tensor4D[];
}

/**
 * Resizes captured activations as a spec says. Takes ownership of nothing: returns new tensors.
 *
 * @param activations Activations by name, NHWC (as `synthesis(..., {capture})` returns them).
 * @param layers Activation names, in order.
 * @param resize `'native'` or `'bilinear'`.
 * @param size The common side (bilinear).
 * @param crop Rows to drop top and bottom of the common-size map (bilinear; a cropped generator).
 * @returns The maps in spec order (native) or the one concatenated map (bilinear).
 */
export function _arrangeFeatures(
  activations: Record<string, tf.Tensor4D>,
  layers: string[],
  resize: 'native' | 'bilinear',
  size: number,
  crop: { top: number; bottom: number } = { top: 0, bottom: 0 },
): tf.Tensor4D[] {
  return tf.tidy(() => {
    const list = layers.map((name) => {
      const t = activations[name];
      if (!t) throw new Error(`captureFeatures: the generator returned no activation "${name}"; it returned ${Object.keys(activations).join(', ') || 'none'}.`);
      return t;
    });
    if (resize === 'native') return list.map((t) => tf.clone(t));
    const up = list.map((t) => (t.shape[1] === size && t.shape[2] === size ? t : tf.image.resizeBilinear(t, [size, size], false, true)));
    const all = tf.concat(up, 3) as tf.Tensor4D;
    if (crop.top === 0 && crop.bottom === 0) return [all];
    const [n, h, w, c] = all.shape;
    return [tf.slice(all, [0, crop.top, 0, 0], [n, h - crop.top - crop.bottom, w, c])];
  });
}

/**
 * Runs the generator's synthesis on W+ latents and returns the activations a {@link FeatureSpec}
 * asks for, resized as it says. Features are captured by the forward pass itself
 * (`synthesis(wplus, {capture})`), never by patching the model.
 *
 * @param gen The generator.
 * @param wplus W+ latents [N, numLayers, dlatentSize] (from `gen.truncate(gen.mapping(z), psi)`).
 * @param spec The feature choice (default: every block output, native).
 * @param options Noise maps.
 * @returns The image and the feature maps; the caller disposes them.
 * @example
 * ```ts
 * const wplus = tf.tidy(() => gen.truncate(gen.mapping(z), 0.7));
 * const { image, maps } = captureFeatures(gen, wplus, { resize: 'bilinear', size: 64 });
 * ```
 */
export function captureFeatures(gen: FeatureGenerator, wplus: tf.Tensor3D, spec: FeatureSpec = {}, options: CaptureOptions = {}): CapturedFeatures {
  const r = resolveFeatureSpec(gen.config, spec);
  return tf.tidy(() => {
    const out = gen.synthesis(wplus, { noise: options.noise, capture: r.layers });
    const maps = _arrangeFeatures(out.activations, r.layers, r.resize, r.size, r.crop);
    return { image: out.image, maps };
  });
}
