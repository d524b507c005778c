/** A weight whose shape differs from the spec. */
export interface MisshapedWeight {
  /** The canonical name. */
  name: string;
  /** The shape the spec asks for. */
  expected: number[];
  /** The shape found. */
  found: number[];
}

/**
 * Raised by {@link StyleGAN.fromWeights} (and {@link loadGenerator}) when a set of weights does not
 * match the weight spec of the config. It lists every missing, unexpected and mis-shaped key at
 * once, with expected and found shapes, so a converter can be fixed in one go.
 *
 * @example
 * ```ts
 * import { StyleGAN, WeightSpecError } from '@ganseg/stylegan';
 * try { StyleGAN.fromWeights(config, weights); }
 * catch (e) { if (e instanceof WeightSpecError) console.log(e.missing, e.unexpected, e.misshaped); }
 * ```
 */
export class WeightSpecError extends Error {
  override name = 'WeightSpecError';
  /** Names the spec asks for that were not given. */
  readonly missing: string[];
  /** Names given that the spec does not know. */
  readonly unexpected: string[];
  /** Names given with the wrong shape. */
  readonly misshaped: MisshapedWeight[];
  /** Where the weights came from (a file path), if known. */
  readonly source: string | undefined;

  /**
   * @param missing Names the spec asks for that were not given.
   * @param unexpected Names given that the spec does not know.
   * @param misshaped Names given with the wrong shape.
   * @param source The file the weights were read from, if any.
   */
  constructor(missing: string[], unexpected: string[], misshaped: MisshapedWeight[], source?: string) {
    const lines: string[] = [];
    for (const n of missing) lines.push(`  missing: ${n}`);
    for (const n of unexpected) lines.push(`  unexpected: ${n}`);
    for (const m of misshaped) lines.push(`  mis-shaped: ${m.name} expected [${m.expected.join(', ')}], found [${m.found.join(', ')}]`);
    super(
      `${source ? `${source}: ` : ''}weights do not match the StyleGAN weight spec ` +
        `(${missing.length} missing, ${unexpected.length} unexpected, ${misshaped.length} mis-shaped):\n${lines.join('\n')}`,
    );
    this.missing = missing;
    this.unexpected = unexpected;
    this.misshaped = misshaped;
    this.source = source;
  }
}
