/** What an {@link ImageError} expected and what it found. */
export interface ImageErrorDetails {
  /** What was expected, in words. */
  expected: string;
  /** What was found, in words. */
  found: string;
  /** The underlying error (from pngjs or jpeg-js), when there is one. */
  cause?: unknown;
}

/**
 * Bytes {@link decodeImage} cannot read as a PNG or a JPEG. The message says what was expected and
 * what was found (also the fields `expected` and `found`); callers, who know the file, add its name.
 *
 * @example
 * ```ts
 * try {
 *   decodeImage(await readFile(file));
 * } catch (e) {
 *   if (e instanceof ImageError) throw new Error(`${file}: ${e.message}`);
 *   throw e;
 * }
 * ```
 */
export class ImageError extends Error {
  override name = 'ImageError';
  /** What was expected. */
  readonly expected: string;
  /** What was found. */
  readonly found: string;

  /**
   * @param message What went wrong and what to do.
   * @param details The expected and found values, and the cause.
   */
  constructor(message: string, details: ImageErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.expected = details.expected;
    this.found = details.found;
  }
}
