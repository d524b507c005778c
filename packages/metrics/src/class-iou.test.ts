import { describe, expect, it } from 'vitest';
import { _handCase } from './_test_cases.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { classIoU } from './class-iou.js';

describe('classIoU', () => {
  it('matches the hand-computed case', () => {
    // IoU0 = 1/(3+2-1), IoU1 = 2/(3+3-2), IoU2 = 0/(1+1-0)
    const iou = classIoU(_handCase());
    expect(iou[0]).toBeCloseTo(0.25, 15);
    expect(iou[1]).toBeCloseTo(0.5, 15);
    expect(iou[2]).toBe(0);
  });
  it('is NaN for a class absent from both, 0 for a class only predicted', () => {
    const iou = classIoU(_handCase(4));
    expect(iou.slice(0, 3)).toEqual([0.25, 0.5, 0]);
    expect(iou[3]).toBeNaN();
    const only = classIoU(new ConfusionMatrix(3).add(Uint8Array.of(0, 2), Uint8Array.of(0, 0)));
    expect(only[0]).toBe(0.5);
    expect(only[1]).toBeNaN();
    expect(only[2]).toBe(0);
  });
});
