import { stageChannels } from '@ganseg/stylegan';
/** The architecture of the official StyleGAN `D_basic` discriminator (fixed structure). */
export interface DiscriminatorConfig {
  /** Input resolution, a power of two from 8 to 1024. */
  resolution: number;
  /** Image channels (3). */
  numChannels: number;
  /** Overall multiplier of the number of feature maps (official 8192). */
  fmapBase: number;
  /** log2 feature map reduction when doubling the resolution (official 1). */
  fmapDecay: number;
  /** Maximum number of feature maps in a layer (official 512). */
  fmapMax: number;
  /** Group size of the minibatch standard deviation layer (official 4; 1 turns it off). */
  mbstdGroupSize: number;
  /** Features the minibatch standard deviation layer adds (official 1). */
  mbstdNumFeatures: number;
}

/** One variable of the discriminator: official name and TF shape. */
export interface DiscriminatorWeight {
  name: string;
  shape: number[];
}

/**
 * A full discriminator config: official defaults with `partial` overriding keys.
 *
 * @param partial Keys to override.
 * @returns The config.
 * @example
 * ```ts
 * const cfg = discriminatorConfig({ resolution: 64, fmapBase: 256, fmapMax: 64 });
 * ```
 */
export function discriminatorConfig(partial: Partial<DiscriminatorConfig> = {}): DiscriminatorConfig {
  const cfg: DiscriminatorConfig = {
    resolution: 1024, numChannels: 3, fmapBase: 8192, fmapDecay: 1, fmapMax: 512, mbstdGroupSize: 4, mbstdNumFeatures: 1,
  };
  for (const [k, v] of Object.entries(partial)) {
    if (!(k in cfg)) throw new RangeError(`discriminator config: unknown key "${k}"; expected one of ${Object.keys(cfg).join(', ')}`);
    if (v !== undefined) (cfg as unknown as Record<string, number>)[k] = v as number;
  }
  const r = cfg.resolution;
  if (!(r >= 8 && r <= 1024 && (r & (r - 1)) === 0)) throw new RangeError(`discriminator config: resolution must be a power of two from 8 to 1024, found ${r}`);
  return cfg;
}

/**
 * The variables of the official `D_basic` (structure `fixed`), in the order the forward pass uses
 * them, with the official names and TF shapes: `FromRGB_lod0/{weight,bias}`, then for each
 * resolution from the top down to 8 `{r}x{r}/Conv0/{weight,bias}` and
 * `{r}x{r}/Conv1_down/{weight,bias}`, then `4x4/Conv`, `4x4/Dense0`, `4x4/Dense1`.
 * nf(stage) = min(floor(fmapBase / 2^(stage * fmapDecay)), fmapMax).
 *
 * @param cfg The architecture.
 * @returns Names and shapes.
 * @example
 * ```ts
 * discriminatorSpec(discriminatorConfig({ resolution: 8 })).map((w) => w.name);
 * ```
 */
export function discriminatorSpec(cfg: DiscriminatorConfig): DiscriminatorWeight[] {
  const L = Math.log2(cfg.resolution);
  const nf = (s: number) => stageChannels(cfg, s);
  const out: DiscriminatorWeight[] = [
    { name: 'FromRGB_lod0/weight', shape: [1, 1, cfg.numChannels, nf(L - 1)] },
    { name: 'FromRGB_lod0/bias', shape: [nf(L - 1)] },
  ];
  for (let r = L; r >= 3; r--) {
    const s = `${2 ** r}x${2 ** r}`;
    out.push({ name: `${s}/Conv0/weight`, shape: [3, 3, nf(r - 1), nf(r - 1)] });
    out.push({ name: `${s}/Conv0/bias`, shape: [nf(r - 1)] });
    out.push({ name: `${s}/Conv1_down/weight`, shape: [3, 3, nf(r - 1), nf(r - 2)] });
    out.push({ name: `${s}/Conv1_down/bias`, shape: [nf(r - 2)] });
  }
  const extra = cfg.mbstdGroupSize > 1 ? cfg.mbstdNumFeatures : 0;
  out.push({ name: '4x4/Conv/weight', shape: [3, 3, nf(1) + extra, nf(1)] });
  out.push({ name: '4x4/Conv/bias', shape: [nf(1)] });
  out.push({ name: '4x4/Dense0/weight', shape: [nf(1) * 16, nf(0)] });
  out.push({ name: '4x4/Dense0/bias', shape: [nf(0)] });
  out.push({ name: '4x4/Dense1/weight', shape: [nf(0), 1] });
  out.push({ name: '4x4/Dense1/bias', shape: [1] });
  return out;
}
