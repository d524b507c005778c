/**
 * Raised when a dataset folder does not fit the layout (`images/<id>.png`,
 * `masks/<id>.png`, `dataset.json`, optional `manifest.jsonl`); the message names the file.
 *
 * @example
 * ```ts
 * try { await readSegmentationDataset('data/cars'); }
 * catch (e) { if (e instanceof DatasetLayoutError) console.error(e.file, e.message); }
 * ```
 */
export class DatasetLayoutError extends Error {
  override name = 'DatasetLayoutError';
  /** The file at fault. */
  readonly file: string;

  /**
   * @param file The file at fault.
   * @param problem What is wrong and what to do.
   */
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.file = file;
  }
}
