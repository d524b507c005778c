/** A weight whose shape differs from the one expected. */
export interface MisshapedWeight {
  /** The weight's name. */
  name: string;
  /** The shape expected. */
  expected: number[];
  /** The shape found. */
  found: number[];
}

/** What {@link checkWeights} found wrong, one list a kind. */
export interface WeightsProblems {
  /** Names expected that were not found. */
  missing: string[];
  /** Names found that were not expected. */
  unexpected: string[];
  /** Names found with another shape than expected. */
  misshaped: MisshapedWeight[];
  /** Names whose values hold NaN or +-Infinity. */
  nonFinite: string[];
}

const _LIMIT = 20;

/** Up to 20 names, then how many more. */
function _list(xs: string[]): string {
  return xs.length > _LIMIT ? `${xs.slice(0, _LIMIT).join(', ')} and ${xs.length - _LIMIT} more` : xs.join(', ');
}

/**
 * The one error for a set of weights that does not match what a network expects (raised by
 * {@link checkWeights}): it names the file and lists every missing, unexpected, mis-shaped (with
 * expected and found shapes) and non-finite weight at once, so a converter or a file can be fixed
 * in one go.
 *
 * @example
 * ```ts
 * import { checkWeights, WeightsMismatchError } from '@ganseg/io';
 * try { checkWeights(spec, weights, { source: 'gen/model.json' }); }
 * catch (e) { if (e instanceof WeightsMismatchError) console.error(e.source, e.missing, e.misshaped); }
 * ```
 */
export class WeightsMismatchError extends Error {
  override name = 'WeightsMismatchError';
  /** The file (or other source) the weights came from. */
  readonly source: string;
  /** Names expected that were not found. */
  readonly missing: string[];
  /** Names found that were not expected. */
  readonly unexpected: string[];
  /** Names found with another shape than expected. */
  readonly misshaped: MisshapedWeight[];
  /** Names whose values hold NaN or +-Infinity. */
  readonly nonFinite: string[];

  /**
   * @param source The file (or other source) the weights came from.
   * @param problems Every problem found, by kind.
   * @param against What the weights were checked against (`'the StyleGAN weight spec'`).
   * @param hint What to do about it, appended to the first line.
   */
  constructor(source: string, problems: WeightsProblems, against = 'the network', hint = '') {
    const { missing, unexpected, misshaped, nonFinite } = problems;
    const lines: string[] = [];
    if (missing.length) lines.push(`missing ${missing.length}: ${_list(missing)}`);
    if (unexpected.length) lines.push(`unexpected ${unexpected.length}: ${_list(unexpected)}`);
    for (const m of misshaped.slice(0, _LIMIT)) lines.push(`mis-shaped: ${m.name} expected [${m.expected.join(', ')}], found [${m.found.join(', ')}]`);
    if (misshaped.length > _LIMIT) lines.push(`and ${misshaped.length - _LIMIT} more mis-shaped`);
    if (nonFinite.length) lines.push(`non-finite ${nonFinite.length} (NaN or Inf values): ${_list(nonFinite)}`);
    const counts = `${missing.length} missing, ${unexpected.length} unexpected, ${misshaped.length} mis-shaped, ${nonFinite.length} non-finite`;
    super(`${source}: the weights do not match ${against} (${counts}).${hint ? ` ${hint}` : ''}\n  ${lines.join('\n  ')}`);
    this.source = source;
    this.missing = missing;
    this.unexpected = unexpected;
    this.misshaped = misshaped;
    this.nonFinite = nonFinite;
  }
}
