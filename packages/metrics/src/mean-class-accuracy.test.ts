import { describe, expect, it } from 'vitest';
import { _handCase } from './_test_cases.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { meanClassAccuracy } from './mean-class-accuracy.js';

describe('meanClassAccuracy', () => {
  it('averages the hand-computed class accuracies', () => {
    const m = meanClassAccuracy(_handCase(4));
    expect(m.value).toBeCloseTo((1 / 3 + 2 / 3 + 0) / 3, 15);
    expect(m.included).toEqual([0, 1, 2]);
    expect(m.excluded).toEqual([3]);
  });
  it('leaves out a class absent from the truth even when predicted', () => {
    const m = meanClassAccuracy(new ConfusionMatrix(3).add(Uint8Array.of(0, 2, 1), Uint8Array.of(0, 0, 1)));
    expect(m.value).toBeCloseTo(0.75, 15);
    expect(m.excluded).toEqual([2]);
  });
  it('is NaN for all-ignore input', () => {
    expect(meanClassAccuracy(new ConfusionMatrix(2).add(Uint8Array.of(0), Uint8Array.of(255))).value).toBeNaN();
  });
});
