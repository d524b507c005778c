/**
 * A dataset that cannot be imported: a missing or unreadable file, an annotation that does not fit
 * its image, an unknown category, a mask of the wrong size. The message names the file, the
 * sample or annotation id when there is one, and what was expected; nothing has been written when
 * it is thrown (imports write to a temporary folder and rename it at the end).
 *
 * @example
 * ```ts
 * try {
 *   await importDataset({ format: 'coco', source: 'instances.json', out: 'data/cars' });
 * } catch (e) {
 *   if (e instanceof ImportError) console.error(e.file, e.id, e.message);
 * }
 * ```
 */
export class ImportError extends Error {
  override name = 'ImportError';
  /** The file at fault. */
  readonly file: string;
  /** The image or annotation id at fault, when there is one. */
  readonly id: string | undefined;

  /**
   * @param file The file at fault.
   * @param problem What is wrong and what to do.
   * @param id The image or annotation id (put in the message as `<file>: <id>: <problem>`).
   */
  constructor(file: string, problem: string, id?: string) {
    super(id === undefined ? `${file}: ${problem}` : `${file}: ${id}: ${problem}`);
    this.file = file;
    this.id = id;
  }
}
