import { describe, expect, it } from 'vitest';
import { _handCase } from './_test_cases.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { classAccuracy } from './class-accuracy.js';

describe('classAccuracy', () => {
  it('matches the hand-computed case (abstention counts as a miss)', () => {
    const acc = classAccuracy(_handCase());
    expect(acc[0]).toBeCloseTo(1 / 3, 15);
    expect(acc[1]).toBeCloseTo(2 / 3, 15);
    expect(acc[2]).toBe(0);
  });
  it('is NaN for a class absent from the truth, even when predicted', () => {
    const acc = classAccuracy(new ConfusionMatrix(3).add(Uint8Array.of(0, 2), Uint8Array.of(0, 0)));
    expect(acc[0]).toBe(0.5);
    expect(acc[1]).toBeNaN();
    expect(acc[2]).toBeNaN();
  });
});
