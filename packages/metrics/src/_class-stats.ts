import { ConfusionMatrix } from './confusion-matrix.js';
import { MetricsError } from './metrics-error.js';

/** Per-class totals read off a confusion matrix (private helper). */
export interface _ClassStats {
  numClasses: number;
  /** Correct pixels of each class (the diagonal). */
  tp: Float64Array;
  /** Truth pixels of each class (row sums plus abstentions). */
  truth: Float64Array;
  /** Predicted pixels of each class (column sums). */
  pred: Float64Array;
  /** Pixels counted. */
  total: number;
  /** Pixels predicted right. */
  correct: number;
}

/** Row sums, column sums and diagonal of `cm`. */
export function _classStats(cm: ConfusionMatrix): _ClassStats {
  if (!(cm instanceof ConfusionMatrix)) {
    throw new MetricsError('expected a ConfusionMatrix (build one with new ConfusionMatrix(n) and add())', {
      key: 'cm',
      expected: 'a ConfusionMatrix',
      found: cm === null ? 'null' : typeof cm,
    });
  }
  const n = cm.numClasses;
  const c = cm.counts;
  const tp = new Float64Array(n);
  const truth = new Float64Array(n);
  const pred = new Float64Array(n);
  let total = 0;
  let correct = 0;
  for (let t = 0; t < n; t++) {
    let row = cm.abstained[t];
    for (let p = 0; p < n; p++) {
      const v = c[t * n + p];
      row += v;
      pred[p] += v;
    }
    truth[t] = row;
    tp[t] = c[t * n + t];
    total += row;
    correct += tp[t];
  }
  return { numClasses: n, tp, truth, pred, total, correct };
}
