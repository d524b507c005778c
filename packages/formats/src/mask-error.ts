/**
 * Raised for a mask file that cannot be read as the workspace's classes: wrong size, unknown
 * colour, class id or category. Names the file, the pixel (x, y) and value found, and what was
 * expected; `file`, `x`, `y` are also fields.
 *
 * @example
 * ```ts
 * try { await loadMask('masks/s0001.png', opts); } catch (e) { if (e instanceof MaskError) console.error(e.file, e.x, e.y); }
 * ```
 */
export class MaskError extends Error {
  override name = 'MaskError';
  /** The mask file. */
  readonly file: string;
  /** Pixel column, when one pixel is to blame. */
  readonly x: number | null;
  /** Pixel row, when one pixel is to blame. */
  readonly y: number | null;

  /**
   * @param file The mask file.
   * @param message What is wrong and what was expected.
   * @param x Pixel column.
   * @param y Pixel row.
   */
  constructor(file: string, message: string, x: number | null = null, y: number | null = null) {
    super(`${file}: ${message}`);
    this.file = file;
    this.x = x;
    this.y = y;
  }
}
