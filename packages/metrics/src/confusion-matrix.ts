import { LabelOutOfRangeError } from './label-out-of-range-error.js';
import { LengthMismatchError } from './length-mismatch-error.js';
import { MetricsError } from './metrics-error.js';

/** A flat label map: a typed array (`Uint8Array`, `Int32Array`, ...) or a `number[]`. */
export type LabelArray = ArrayLike<number>;

/** Options of {@link ConfusionMatrix}. */
export interface ConfusionMatrixOptions {
  /**
   * Label that marks "no label" (default 255, as in ganseg's masks). Truth pixels with this
   * label are skipped; predicted pixels with this label (an abstention) count as misses of the
   * truth class. `null` turns it off: every label must then be a class.
   */
  ignoreIndex?: number | null;
}

/** The JSON form of a {@link ConfusionMatrix} (`toJSON` / `fromJSON`). */
export interface ConfusionMatrixJSON {
  format: 'ganseg/confusion-matrix';
  version: 1;
  numClasses: number;
  ignoreIndex: number | null;
  /** `counts[truth][pred]`: pixels of truth class `truth` predicted as `pred`. */
  counts: number[][];
  /** `abstained[truth]`: pixels of truth class `truth` predicted as the ignore index. */
  abstained: number[];
  /** Pixels skipped because their truth is the ignore index. */
  ignoredPixels: number;
}

const FORMAT = 'ganseg/confusion-matrix';

/**
 * A confusion matrix accumulated over batches of flat label maps. Rows are truth classes, columns
 * predicted classes: `counts[truth * numClasses + pred]`. Pixels whose truth is the ignore index
 * are skipped (and counted in `ignoredPixels`); pixels whose prediction is the ignore index while
 * the truth is a class are counted in `abstained[truth]`, a miss of that class.
 *
 * `add` is one pass over the arrays with integer index arithmetic and no allocation; a bad label
 * throws a {@link LabelOutOfRangeError} and leaves the matrix as it was before the call.
 *
 * @example
 * ```ts
 * const cm = new ConfusionMatrix(3); // ignore index 255
 * cm.add(Uint8Array.of(0, 1, 2, 2), Uint8Array.of(0, 1, 1, 255));
 * cm.get(1, 2); // 1 (one pixel of class 1 taken for class 2; the last pixel is ignored)
 * cm.pixels; // 3
 * ```
 */
export class ConfusionMatrix {
  /** Number of classes (labels `0 .. numClasses - 1`). */
  readonly numClasses: number;
  /** The ignore label, or `null`. */
  readonly ignoreIndex: number | null;
  /** Row-major `numClasses x numClasses` counts, `counts[truth * numClasses + pred]`. */
  readonly counts: Float64Array;
  /** Per truth class, pixels whose prediction was the ignore index. */
  readonly abstained: Float64Array;
  private _ignored = 0;

  /**
   * @param numClasses Number of classes, an integer >= 1.
   * @param options The ignore index (default 255; `null` for none).
   */
  constructor(numClasses: number, options: ConfusionMatrixOptions = {}) {
    if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 65536) {
      throw new MetricsError(
        `numClasses must be an integer in [1, 65536], got ${String(numClasses)}`,
        { key: 'numClasses', expected: 'an integer in [1, 65536]', found: String(numClasses) },
      );
    }
    const ignoreIndex = options.ignoreIndex === undefined ? 255 : options.ignoreIndex;
    if (ignoreIndex !== null) {
      if (!Number.isInteger(ignoreIndex) || (ignoreIndex >= 0 && ignoreIndex < numClasses)) {
        throw new MetricsError(
          `ignoreIndex ${String(ignoreIndex)} must be an integer outside [0, ${numClasses}) ` +
            `(it would hide a class); use null for no ignore label`,
          {
            key: 'ignoreIndex',
            expected: `null or an integer outside [0, ${numClasses})`,
            found: String(ignoreIndex),
          },
        );
      }
    }
    this.numClasses = numClasses;
    this.ignoreIndex = ignoreIndex;
    this.counts = new Float64Array(numClasses * numClasses);
    this.abstained = new Float64Array(numClasses);
  }

  /** Pixels skipped because their truth was the ignore index. */
  get ignoredPixels(): number {
    return this._ignored;
  }

  /** Pixels counted: every pixel whose truth is a class (abstentions included). */
  get pixels(): number {
    let s = 0;
    const c = this.counts;
    for (let i = 0; i < c.length; i++) s += c[i];
    const a = this.abstained;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
  }

  /**
   * Accumulates one batch. `pred` and `truth` are flat label maps of the same length (any number
   * of images concatenated in the same order).
   *
   * @param pred Predicted labels.
   * @param truth True labels.
   * @returns This matrix, for chaining.
   * @throws {LengthMismatchError} When the lengths differ.
   * @throws {LabelOutOfRangeError} When a label is not a class and not the ignore index; the
   *   matrix is then unchanged.
   * @example
   * ```ts
   * for (const { pred, truth } of batches) cm.add(pred, truth);
   * ```
   */
  add(pred: LabelArray, truth: LabelArray): this {
    _checkArray(pred, 'pred');
    _checkArray(truth, 'truth');
    if (pred.length !== truth.length) throw new LengthMismatchError(pred.length, truth.length);
    const n = this.numClasses;
    const ig = this.ignoreIndex === null ? NaN : this.ignoreIndex; // NaN never equals a label
    const cells = this.counts;
    const abst = this.abstained;
    const len = truth.length;
    let ignored = 0;
    for (let i = 0; i < len; i++) {
      const t = truth[i];
      if (t === ig) {
        ignored++;
        continue;
      }
      const ti = t | 0;
      if (ti !== t || ti < 0 || ti >= n) {
        this._undo(pred, truth, i);
        throw new LabelOutOfRangeError('truth', i, t, n, this.ignoreIndex);
      }
      const p = pred[i];
      if (p === ig) {
        abst[ti]++;
        continue;
      }
      const pi = p | 0;
      if (pi !== p || pi < 0 || pi >= n) {
        this._undo(pred, truth, i);
        throw new LabelOutOfRangeError('prediction', i, p, n, this.ignoreIndex);
      }
      cells[ti * n + pi]++;
    }
    this._ignored += ignored;
    return this;
  }

  /**
   * Count of pixels of truth class `truth` predicted as `pred`.
   *
   * @param truth True class.
   * @param pred Predicted class.
   * @returns The count.
   * @example
   * ```ts
   * cm.get(1, 0); // class 1 pixels taken for class 0
   * ```
   */
  get(truth: number, pred: number): number {
    const n = this.numClasses;
    if (!Number.isInteger(truth) || truth < 0 || truth >= n || !Number.isInteger(pred) || pred < 0 || pred >= n) {
      throw new MetricsError(`get(${truth}, ${pred}): both must be classes in [0, ${n})`, {
        key: 'get(truth, pred)',
        expected: `integers in [0, ${n})`,
        found: `${truth}, ${pred}`,
      });
    }
    return this.counts[truth * n + pred];
  }

  /**
   * Adds another matrix's counts into this one (same as having added its batches here). The
   * other's ignore index may differ: its counts already left its ignored pixels out.
   *
   * @param other A matrix with the same number of classes.
   * @returns This matrix, for chaining.
   * @throws {MetricsError} When the class counts differ.
   * @example
   * ```ts
   * const total = new ConfusionMatrix(5);
   * for (const part of perWorker) total.merge(part);
   * ```
   */
  merge(other: ConfusionMatrix): this {
    if (!(other instanceof ConfusionMatrix) || other.numClasses !== this.numClasses) {
      const found = other instanceof ConfusionMatrix ? `${other.numClasses} classes` : typeof other;
      throw new MetricsError(
        `cannot merge: this matrix has ${this.numClasses} classes, the other has ${found}`,
        { key: 'other.numClasses', expected: String(this.numClasses), found },
      );
    }
    const c = this.counts;
    const oc = other.counts;
    for (let i = 0; i < c.length; i++) c[i] += oc[i];
    const a = this.abstained;
    const oa = other.abstained;
    for (let i = 0; i < a.length; i++) a[i] += oa[i];
    this._ignored += other._ignored;
    return this;
  }

  /**
   * Sets every count back to zero.
   *
   * @returns This matrix.
   * @example
   * ```ts
   * cm.reset();
   * ```
   */
  reset(): this {
    this.counts.fill(0);
    this.abstained.fill(0);
    this._ignored = 0;
    return this;
  }

  /**
   * A copy with the same classes, ignore index and counts.
   *
   * @returns The copy.
   * @example
   * ```ts
   * const before = cm.clone();
   * ```
   */
  clone(): ConfusionMatrix {
    return new ConfusionMatrix(this.numClasses, { ignoreIndex: this.ignoreIndex }).merge(this);
  }

  /**
   * The counts as rows: `toArray()[truth][pred]`.
   *
   * @returns A `numClasses x numClasses` array of numbers.
   * @example
   * ```ts
   * console.table(cm.toArray());
   * ```
   */
  toArray(): number[][] {
    const n = this.numClasses;
    const rows: number[][] = [];
    for (let t = 0; t < n; t++) rows.push(Array.from(this.counts.subarray(t * n, (t + 1) * n)));
    return rows;
  }

  /**
   * The JSON form (what `JSON.stringify(cm)` writes).
   *
   * @returns A plain object that {@link ConfusionMatrix.fromJSON} reads back.
   * @example
   * ```ts
   * const text = JSON.stringify(cm);
   * const back = ConfusionMatrix.fromJSON(JSON.parse(text));
   * ```
   */
  toJSON(): ConfusionMatrixJSON {
    return {
      format: FORMAT,
      version: 1,
      numClasses: this.numClasses,
      ignoreIndex: this.ignoreIndex,
      counts: this.toArray(),
      abstained: Array.from(this.abstained),
      ignoredPixels: this._ignored,
    };
  }

  /**
   * Reads a matrix written by {@link ConfusionMatrix.toJSON}, checking every field.
   *
   * @param json The parsed JSON.
   * @param source The file it came from, named in errors.
   * @returns The matrix.
   * @throws {MetricsError} Naming the key, expected and found value of the first bad field.
   * @example
   * ```ts
   * const cm = ConfusionMatrix.fromJSON(JSON.parse(fs.readFileSync(p, 'utf8')), p);
   * ```
   */
  static fromJSON(json: unknown, source?: string): ConfusionMatrix {
    const bad = (key: string, expected: string, found: unknown): never => {
      throw new MetricsError(`confusion matrix JSON: ${key} must be ${expected}, found ${_show(found)}`, {
        key,
        expected,
        found: _show(found),
        source,
      });
    };
    if (typeof json !== 'object' || json === null || Array.isArray(json)) bad('(root)', 'an object', json);
    const o = json as Record<string, unknown>;
    if (o.format !== FORMAT) bad('format', `"${FORMAT}"`, o.format);
    if (o.version !== 1) bad('version', '1', o.version);
    const n = o.numClasses;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65536) {
      bad('numClasses', 'an integer in [1, 65536]', n);
    }
    const numClasses = n as number;
    const ig = o.ignoreIndex;
    if (ig !== null && (typeof ig !== 'number' || !Number.isInteger(ig))) bad('ignoreIndex', 'null or an integer', ig);
    const cm = new ConfusionMatrix(numClasses, { ignoreIndex: ig as number | null });
    const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
    const counts = o.counts;
    if (!Array.isArray(counts) || counts.length !== numClasses) {
      bad('counts', `an array of ${numClasses} rows`, counts);
    }
    (counts as unknown[]).forEach((row, t) => {
      if (!Array.isArray(row) || row.length !== numClasses) {
        bad(`counts[${t}]`, `an array of ${numClasses} counts`, row);
      }
      (row as unknown[]).forEach((v, p) => {
        if (!isCount(v)) bad(`counts[${t}][${p}]`, 'a non-negative integer', v);
        cm.counts[t * numClasses + p] = v as number;
      });
    });
    const abst = o.abstained === undefined ? new Array(numClasses).fill(0) : o.abstained;
    if (!Array.isArray(abst) || abst.length !== numClasses) {
      bad('abstained', `an array of ${numClasses} counts`, abst);
    }
    (abst as unknown[]).forEach((v, t) => {
      if (!isCount(v)) bad(`abstained[${t}]`, 'a non-negative integer', v);
      cm.abstained[t] = v as number;
    });
    const ignored = o.ignoredPixels === undefined ? 0 : o.ignoredPixels;
    if (!isCount(ignored)) bad('ignoredPixels', 'a non-negative integer', ignored);
    cm._ignored = ignored as number;
    return cm;
  }

  /** Takes back the counts of elements `0 .. end - 1`, after a bad label at `end`. */
  private _undo(pred: LabelArray, truth: LabelArray, end: number): void {
    const n = this.numClasses;
    const ig = this.ignoreIndex === null ? NaN : this.ignoreIndex;
    for (let i = 0; i < end; i++) {
      const t = truth[i];
      if (t === ig) continue;
      const p = pred[i];
      if (p === ig) this.abstained[t]--;
      else this.counts[t * n + p]--;
    }
  }
}

function _checkArray(a: unknown, key: string): void {
  if (
    a === null ||
    typeof a !== 'object' ||
    typeof (a as { length?: unknown }).length !== 'number'
  ) {
    throw new MetricsError(`${key} must be a typed array or an array of labels, found ${_show(a)}`, {
      key,
      expected: 'a typed array (Uint8Array, Int32Array, ...) or number[]',
      found: _show(a),
    });
  }
}

function _show(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'object') return Array.isArray(v) ? `an array of ${v.length}` : (v.constructor?.name ?? 'object');
  return JSON.stringify(v) ?? String(v);
}
