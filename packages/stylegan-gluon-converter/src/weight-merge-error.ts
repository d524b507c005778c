import { CheckpointError } from '@ganseg/checkpoint-readers';

/** One mis-shaped key of a {@link WeightMergeError}. */
export interface ShapeProblem {
  key: string;
  expected: number[];
  found: number[];
}

/**
 * Thrown by {@link mergeIntoSpec}: every missing, unexpected, mis-shaped and non-finite key at
 * once (not just the first), each with expected and found shapes.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof WeightMergeError) console.log(e.missing, e.unexpected, e.misshaped); }
 * ```
 */
export class WeightMergeError extends CheckpointError {
  /** Keys the spec needs that the checkpoint lacks. */
  readonly missing: string[];
  /** Keys the checkpoint has that the spec does not know. */
  readonly unexpected: string[];
  /** Keys present with the wrong shape. */
  readonly misshaped: ShapeProblem[];
  /** Keys holding NaN or +-Infinity. */
  readonly nonFinite: string[];

  /**
   * @param file the checkpoint
   * @param p the problems found
   * @returns the error
   * @example
   * ```ts
   * throw new WeightMergeError('a.pkl', { missing: ['dlatent_avg'], unexpected: [], misshaped: [], nonFinite: [] });
   * ```
   */
  constructor(file: string, p: { missing: string[]; unexpected: string[]; misshaped: ShapeProblem[]; nonFinite: string[] }) {
    const lines: string[] = [];
    const list = (xs: string[]): string => (xs.length > 20 ? `${xs.slice(0, 20).join(', ')} and ${xs.length - 20} more` : xs.join(', '));
    if (p.missing.length) lines.push(`missing ${p.missing.length}: ${list(p.missing)}`);
    if (p.unexpected.length) lines.push(`unexpected ${p.unexpected.length}: ${list(p.unexpected)}`);
    for (const m of p.misshaped.slice(0, 20)) lines.push(`${m.key}: expected [${m.expected.join(', ')}], found [${m.found.join(', ')}]`);
    if (p.misshaped.length > 20) lines.push(`and ${p.misshaped.length - 20} more mis-shaped keys`);
    if (p.nonFinite.length) lines.push(`NaN or Inf values in ${list(p.nonFinite)}`);
    const first = p.misshaped[0];
    const kind = p.nonFinite.length && !p.missing.length && !p.unexpected.length && !p.misshaped.length ? 'non-finite'
      : p.misshaped.length && !p.missing.length && !p.unexpected.length ? 'shape-mismatch'
        : p.missing.length ? 'missing-key' : p.unexpected.length ? 'unexpected-key' : 'weights';
    super(kind, file, `weights do not match the StyleGAN spec (the config deduced from the file may be wrong, or the file is damaged):\n  ${lines.join('\n  ')}`, {
      key: first?.key ?? p.missing[0] ?? p.unexpected[0] ?? p.nonFinite[0],
      expected: first ? `[${first.expected.join(', ')}]` : undefined,
      found: first ? `[${first.found.join(', ')}]` : undefined,
    });
    this.name = 'WeightMergeError';
    this.missing = p.missing;
    this.unexpected = p.unexpected;
    this.misshaped = p.misshaped;
    this.nonFinite = p.nonFinite;
  }
}
