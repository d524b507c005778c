import { ConfusionMatrix } from './confusion-matrix.js';

/**
 * The hand-computed case shared by the metric tests (test-only). 3 classes, ignore 255:
 *   truth: 0 0 1 1 2 255   0 1
 *   pred:  0 1 1 1 0   2 255 2
 * counts[truth][pred] = [[1,1,0],[0,2,1],[1,0,0]], abstained = [1,0,0]
 * truth totals [3,3,1] (7 pixels), predicted totals [2,3,1], TP [1,2,0].
 * With `numClasses` 4 the same data leaves class 3 absent from both.
 */
export function _handCase(numClasses = 3): ConfusionMatrix {
  return new ConfusionMatrix(numClasses).add(
    Uint8Array.of(0, 1, 1, 1, 0, 2, 255, 2),
    Uint8Array.of(0, 0, 1, 1, 2, 255, 0, 1),
  );
}
