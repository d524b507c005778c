/**
 * `samples/<id>.json` of an annotation workspace: everything needed to regenerate the sample's
 * features exactly (never the stored PNG).
 *
 * @example
 * ```ts
 * const meta: SampleMeta = JSON.parse(await fs.readFile('ws/samples/s0000.json', 'utf8'));
 * ```
 */
export interface SampleMeta {
  format: 'ganseg-sample';
  version: 1;
  id: string;
  /** The seed the latent was drawn from (`latentFromSeed(seed, latentSize)`). */
  seed: number;
  /** The latent z itself, as numbers (authoritative: regeneration uses it, not the seed). */
  z: number[];
  /** Truncation psi (1 = none). */
  truncation: number;
  /** Truncation cutoff (layers truncated), or null for all layers. */
  cutoff: number | null;
  /** Seed of the per-layer noise maps (`noiseFromSeed`), or null for the generator's stored noise. */
  noiseSeed: number | null;
  /** Hash of the generator weights (see `hashGenerator`). */
  generator: string;
  /** Image side. */
  width: number;
  height: number;
}
