import { MetricsError } from './metrics-error.js';

/**
 * Thrown by `ConfusionMatrix.add` when the prediction and the truth do not hold the same number of
 * pixels (for example a mask of another size, or a label map compared with a one-hot tensor).
 *
 * @example
 * ```ts
 * try { cm.add(new Uint8Array(4), new Uint8Array(6)); }
 * catch (e) { if (e instanceof LengthMismatchError) console.log(e.predLength, e.truthLength); }
 * ```
 */
export class LengthMismatchError extends MetricsError {
  override name = 'LengthMismatchError';
  /** Number of elements in the prediction. */
  readonly predLength: number;
  /** Number of elements in the truth. */
  readonly truthLength: number;

  /**
   * @param predLength Elements in the prediction.
   * @param truthLength Elements in the truth.
   */
  constructor(predLength: number, truthLength: number) {
    super(
      `prediction and truth differ in length: prediction has ${predLength} elements, truth has ` +
        `${truthLength}; pass label maps of the same image size (flattened H*W, same order)`,
      { key: 'pred.length', expected: `${truthLength} (truth.length)`, found: String(predLength) },
    );
    this.predLength = predLength;
    this.truthLength = truthLength;
  }
}
