/** What went wrong, as a machine-readable tag. */
export type CheckpointErrorKind =
  | 'io'
  | 'truncated'
  | 'bad-magic'
  | 'unknown-format'
  | 'unsupported-opcode'
  | 'forbidden-global'
  | 'malformed'
  | 'unsupported-dtype'
  | 'missing-key'
  | 'unexpected-key'
  | 'shape-mismatch'
  | 'non-finite'
  | 'bad-value'
  | 'weights';

/**
 * The one error class every reader, merge and writer of this package throws for input a user can
 * meet (a damaged, foreign or mismatched checkpoint). It names the file and, where there is one,
 * the key, and says what was expected and what was found.
 *
 * @example
 * ```ts
 * try { await convertCheckpoint('ffhq.pkl', 'out'); }
 * catch (e) { if (e instanceof CheckpointError) console.error(e.kind, e.file, e.key, e.message); }
 * ```
 */
export class CheckpointError extends Error {
  /** The checkpoint file (or `<bytes>` when read from memory). */
  readonly file: string;
  /** The failure class. */
  readonly kind: CheckpointErrorKind;
  /** The weight name, pickle global, opcode or field concerned, if any. */
  readonly key?: string;
  /** What the reader expected, if that has a short form. */
  readonly expected?: string;
  /** What it found instead. */
  readonly found?: string;

  /**
   * @param kind the failure class
   * @param file the checkpoint file
   * @param message what happened and what to do, without the file (it is prefixed)
   * @param details key / expected / found
   * @returns the error
   * @example
   * ```ts
   * throw new CheckpointError('truncated', 'a.pkl', 'pickle ends inside BINUNICODE at byte 120');
   * ```
   */
  constructor(
    kind: CheckpointErrorKind,
    file: string,
    message: string,
    details: { key?: string; expected?: string; found?: string } = {},
  ) {
    super(`${file}: ${message}`);
    this.name = 'CheckpointError';
    this.kind = kind;
    this.file = file;
    this.key = details.key;
    this.expected = details.expected;
    this.found = details.found;
  }
}
