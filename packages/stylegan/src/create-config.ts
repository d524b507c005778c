import { StyleGANConfigError } from './style-gan-config-error.js';

/**
 * The architecture of a StyleGAN generator; keys mirror the official `G_style` (v1) and
 * `G_synthesis_stylegan2` (v2) kwargs. A v1 config has no `architecture` key (so its JSON, and
 * every hash of it, is what it was before StyleGAN2 existed here).
 */
export interface StyleGANConfig {
  /** `'stylegan2'` for StyleGAN2 / StyleGAN2-ADA (skip generator); absent for StyleGAN (v1). */
  architecture?: 'stylegan2';
  /** StyleGAN2 only: clamp of every conv and ToRGB output to +-convClamp (ADA's conv_clamp; 0 = none). */
  convClamp?: number;
  /** Output resolution, a power of two from 8 (v2: 4) to 1024. */
  resolution: number;
  /** Size of the input latent z (official 512). */
  latentSize: number;
  /** Size of the disentangled latent w (official 512). */
  dlatentSize: number;
  /** Number of dense layers in the mapping network (official 8). */
  mappingLayers: number;
  /** Width of the hidden mapping layers (official 512). */
  mappingFmaps: number;
  /** Learning-rate multiplier of the mapping layers, applied at runtime to weights and biases (official 0.01). */
  mappingLrmul: number;
  /** Overall multiplier of the number of feature maps (official 8192; StyleGAN2 config-f 16384). */
  fmapBase: number;
  /** log2 feature map reduction when doubling the resolution (official 1). */
  fmapDecay: number;
  /** Maximum number of feature maps in a layer (official 512). */
  fmapMax: number;
  /** Number of image channels (3). */
  numChannels: number;
  /** v1: from this resolution on, the upscale is the fused transposed convolution (official 128); unused by v2. */
  fusedScaleFrom: number;
}

const _DEFAULTS: StyleGANConfig = {
  resolution: 1024,
  latentSize: 512,
  dlatentSize: 512,
  mappingLayers: 8,
  mappingFmaps: 512,
  mappingLrmul: 0.01,
  fmapBase: 8192,
  fmapDecay: 1.0,
  fmapMax: 512,
  numChannels: 3,
  fusedScaleFrom: 128,
};

const _INTEGER_KEYS: (keyof StyleGANConfig)[] = [
  'resolution', 'latentSize', 'dlatentSize', 'mappingLayers', 'mappingFmaps', 'fmapBase', 'fmapMax', 'numChannels', 'fusedScaleFrom',
];

/**
 * A complete, validated config: the official FFHQ 1024 generator with `partial` overriding keys
 * (with `architecture: 'stylegan2'`, StyleGAN2 config-f: `fmapBase` 16384, `convClamp` 0).
 *
 * @param partial Keys to override.
 * @param source The file the config came from, named in errors.
 * @returns The config (a new object).
 * @throws StyleGANConfigError on an unknown key or a value out of range.
 * @example
 * ```ts
 * import { createConfig } from '@ganseg/stylegan';
 * const tiny = createConfig({ resolution: 32, latentSize: 32, dlatentSize: 32, mappingFmaps: 32, fmapBase: 128, fmapMax: 32 });
 * const configF = createConfig({ architecture: 'stylegan2' }); // 1024 px, widths 512 .. 32
 * ```
 */
export function createConfig(partial: Partial<StyleGANConfig> = {}, source?: string): StyleGANConfig {
  const arch = (partial as Record<string, unknown>).architecture;
  if (arch !== undefined && arch !== 'stylegan' && arch !== 'stylegan2') {
    throw new StyleGANConfigError('architecture', `expected "stylegan2" (or absent for StyleGAN v1), found ${JSON.stringify(arch)}`, source);
  }
  const v2 = arch === 'stylegan2';
  const cfg: StyleGANConfig = v2 ? { architecture: 'stylegan2', ..._DEFAULTS, fmapBase: 16384, convClamp: 0 } : { ..._DEFAULTS };
  for (const [key, value] of Object.entries(partial)) {
    if (key === 'architecture') continue;
    if (key === 'convClamp' && !v2) {
      throw new StyleGANConfigError(key, 'only StyleGAN2 configs have a conv clamp; add architecture: "stylegan2"', source);
    }
    if (!(key in cfg)) {
      throw new StyleGANConfigError(key, `unknown key; expected one of ${Object.keys(cfg).join(', ')}`, source);
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new StyleGANConfigError(key, `expected a finite number, found ${JSON.stringify(value)}`, source);
    }
    (cfg as unknown as Record<string, number>)[key] = value;
  }
  for (const key of _INTEGER_KEYS) {
    const v = cfg[key] as number;
    if (!Number.isInteger(v) || v < 1) {
      throw new StyleGANConfigError(key, `expected a positive integer, found ${v}`, source);
    }
  }
  const r = cfg.resolution;
  const rmin = v2 ? 4 : 8;
  if (r < rmin || r > 1024 || (r & (r - 1)) !== 0) {
    throw new StyleGANConfigError('resolution', `expected a power of two from ${rmin} to 1024, found ${r}`, source);
  }
  if (v2 && !((cfg.convClamp as number) >= 0)) {
    throw new StyleGANConfigError('convClamp', `expected a number >= 0 (0 = no clamp), found ${cfg.convClamp}`, source);
  }
  if (!(cfg.mappingLrmul > 0)) {
    throw new StyleGANConfigError('mappingLrmul', `expected a positive number, found ${cfg.mappingLrmul}`, source);
  }
  if (!(cfg.fmapDecay >= 0)) {
    throw new StyleGANConfigError('fmapDecay', `expected a number >= 0, found ${cfg.fmapDecay}`, source);
  }
  return cfg;
}
