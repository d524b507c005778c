import { describe, expect, it } from 'vitest';
import { _handCase } from './_test_cases.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { meanIoU } from './mean-iou.js';

describe('meanIoU', () => {
  it('averages the hand-computed IoUs', () => {
    const m = meanIoU(_handCase());
    expect(m.value).toBeCloseTo((0.25 + 0.5 + 0) / 3, 15);
    expect(m.included).toEqual([0, 1, 2]);
    expect(m.excluded).toEqual([]);
  });
  it('leaves out a class absent from both and says so', () => {
    const m = meanIoU(_handCase(4));
    expect(m.value).toBeCloseTo(0.25, 15); // not 0.1875, which counting class 3 as 0 would give
    expect(m.included).toEqual([0, 1, 2]);
    expect(m.excluded).toEqual([3]);
  });
  it('keeps a class that is only predicted (IoU 0)', () => {
    const m = meanIoU(new ConfusionMatrix(3).add(Uint8Array.of(0, 2), Uint8Array.of(0, 0)));
    expect(m.value).toBeCloseTo(0.25, 15);
    expect(m.excluded).toEqual([1]);
  });
  it('is NaN with every class excluded for all-ignore input', () => {
    const m = meanIoU(new ConfusionMatrix(2).add(Uint8Array.of(0, 1), Uint8Array.of(255, 255)));
    expect(m.value).toBeNaN();
    expect(m.included).toEqual([]);
    expect(m.excluded).toEqual([0, 1]);
  });
});
