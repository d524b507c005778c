import { MetricsError } from './metrics-error.js';

/**
 * Thrown by `ConfusionMatrix.add` when a label is not an integer in `[0, numClasses)` and is not
 * the ignore index. It names which input (`'prediction'` or `'truth'`), the element index and the
 * value. The matrix is left as it was before the call.
 *
 * @example
 * ```ts
 * try { cm.add(pred, truth); }
 * catch (e) { if (e instanceof LabelOutOfRangeError) console.log(e.which, e.index, e.value); }
 * ```
 */
export class LabelOutOfRangeError extends MetricsError {
  override name = 'LabelOutOfRangeError';
  /** Which input held the bad label. */
  readonly which: 'prediction' | 'truth';
  /** Element index (in the flattened array) of the bad label. */
  readonly index: number;
  /** The bad label. */
  readonly value: number;
  /** Number of classes of the matrix. */
  readonly numClasses: number;
  /** The ignore index of the matrix (`null` when none). */
  readonly ignoreIndex: number | null;

  /**
   * @param which The input holding the label.
   * @param index Element index of the label.
   * @param value The label.
   * @param numClasses Number of classes.
   * @param ignoreIndex The ignore index, or `null`.
   */
  constructor(
    which: 'prediction' | 'truth',
    index: number,
    value: number,
    numClasses: number,
    ignoreIndex: number | null,
  ) {
    const expected =
      `an integer in [0, ${numClasses})` +
      (ignoreIndex === null ? '' : ` or the ignore index ${ignoreIndex}`);
    super(
      `${which} label ${value} at index ${index} is out of range: expected ${expected}; ` +
        `check numClasses (${numClasses}) and the ignore index of the masks`,
      { key: `${which === 'prediction' ? 'pred' : 'truth'}[${index}]`, expected, found: String(value) },
    );
    this.which = which;
    this.index = index;
    this.value = value;
    this.numClasses = numClasses;
    this.ignoreIndex = ignoreIndex;
  }
}
