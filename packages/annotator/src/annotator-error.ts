/**
 * An error a user of the annotator can meet: a missing or malformed workspace file, or a mask
 * that does not fit its sample. The message names the file, the key or pixel, what was expected
 * and what was found. `status` is the HTTP status the server answers with.
 *
 * @example
 * ```ts
 * try { await startAnnotator({ workspace: 'ws' }); } catch (e) { if (e instanceof AnnotatorError) console.error(e.message); }
 * ```
 */
export class AnnotatorError extends Error {
  /** HTTP status the server sends when this error answers a request. */
  readonly status: number;

  /**
   * @param message what is wrong and what to do
   * @param status HTTP status for the server (default 422)
   */
  constructor(message: string, status = 422) {
    super(message);
    this.name = 'AnnotatorError';
    this.status = status;
  }
}
