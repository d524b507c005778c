import { describe, expect, it } from 'vitest';
import { _handCase } from './_test_cases.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { frequencyWeightedIoU } from './frequency-weighted-iou.js';

describe('frequencyWeightedIoU', () => {
  it('weights the hand-computed IoUs by truth frequency', () => {
    // 3/7 * 0.25 + 3/7 * 0.5 + 1/7 * 0
    expect(frequencyWeightedIoU(_handCase(4))).toBeCloseTo(2.25 / 7, 15);
  });
  it('is NaN for all-ignore input and 1 for a perfect prediction', () => {
    expect(frequencyWeightedIoU(new ConfusionMatrix(2).add(Uint8Array.of(0), Uint8Array.of(255)))).toBeNaN();
    const t = Uint8Array.of(0, 1, 1);
    expect(frequencyWeightedIoU(new ConfusionMatrix(3).add(t, t))).toBe(1);
  });
});
