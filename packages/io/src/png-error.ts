/** What a {@link PngError} expected and what it found. */
export interface PngErrorDetails {
  /** What was expected, in words. */
  expected: string;
  /** What was found, in words. */
  found: string;
  /** The underlying error (from pngjs), when there is one. */
  cause?: unknown;
  /** The pixel concerned, when there is one (column). */
  x?: number;
  /** The pixel concerned, when there is one (row). */
  y?: number;
}

/**
 * Bad pixels given to {@link encodePng}, or bytes {@link decodePng} cannot read as a PNG. The
 * message says what was expected and what was found (also the fields `expected` and `found`); the
 * callers, who know the file, add its name.
 *
 * @example
 * ```ts
 * try {
 *   decodePng(await readFile(file));
 * } catch (e) {
 *   if (e instanceof PngError) throw new Error(`${file}: ${e.message}`);
 *   throw e;
 * }
 * ```
 */
export class PngError extends Error {
  override name = 'PngError';
  /** What was expected. */
  readonly expected: string;
  /** What was found. */
  readonly found: string;
  /** The pixel concerned (column), when there is one. */
  readonly x?: number;
  /** The pixel concerned (row), when there is one. */
  readonly y?: number;

  /**
   * @param message What went wrong and what to do.
   * @param details The expected and found values, and the cause.
   */
  constructor(message: string, details: PngErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.expected = details.expected;
    this.found = details.found;
    this.x = details.x;
    this.y = details.y;
  }
}
