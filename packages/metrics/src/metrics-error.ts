/** Where a {@link MetricsError} was found and what was expected there. */
export interface MetricsErrorDetails {
  /** The argument or JSON key at fault, such as `numClasses` or `counts[2][3]`. */
  key: string;
  /** What was expected, in words. */
  expected: string;
  /** What was found, in words. */
  found: string;
  /** The file or source the value came from, when known. */
  source?: string;
}

/**
 * A bad argument or a bad serialized matrix given to `@ganseg/metrics`. It names the key, the
 * expected and the found value (and the source file when one was given). The more specific
 * {@link LengthMismatchError} and {@link LabelOutOfRangeError} extend it.
 *
 * @example
 * ```ts
 * try {
 *   ConfusionMatrix.fromJSON(JSON.parse(text), 'run/metrics.json');
 * } catch (e) {
 *   if (e instanceof MetricsError) console.error(e.key, e.expected, e.found);
 * }
 * ```
 */
export class MetricsError extends Error {
  override name = 'MetricsError';
  /** The argument or JSON key at fault. */
  readonly key: string;
  /** What was expected. */
  readonly expected: string;
  /** What was found. */
  readonly found: string;
  /** The file or source, when known. */
  readonly source: string | undefined;

  /**
   * @param message What went wrong and what to do.
   * @param details The key, expected and found values.
   */
  constructor(message: string, details: MetricsErrorDetails) {
    super(details.source === undefined ? message : `${details.source}: ${message}`);
    this.key = details.key;
    this.expected = details.expected;
    this.found = details.found;
    this.source = details.source;
  }
}
