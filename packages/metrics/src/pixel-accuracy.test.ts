import { describe, expect, it } from 'vitest';
import { _handCase } from './_test_cases.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { pixelAccuracy } from './pixel-accuracy.js';

describe('pixelAccuracy', () => {
  it('is correct / counted, ignored pixels out and abstentions wrong', () => {
    expect(pixelAccuracy(_handCase())).toBeCloseTo(3 / 7, 15);
  });
  it('is 1 for a perfect prediction and 0 for an all-wrong one', () => {
    const t = Uint8Array.of(0, 1, 1, 0);
    expect(pixelAccuracy(new ConfusionMatrix(2).add(t, t))).toBe(1);
    expect(pixelAccuracy(new ConfusionMatrix(2).add(t.map((v) => 1 - v), t))).toBe(0);
  });
  it('is NaN when every pixel is ignored', () => {
    expect(pixelAccuracy(new ConfusionMatrix(2).add(Uint8Array.of(0, 1), Uint8Array.of(255, 255)))).toBeNaN();
  });
  it('rejects something that is not a ConfusionMatrix', () => {
    expect(() => pixelAccuracy({} as ConfusionMatrix)).toThrow(/expected a ConfusionMatrix/);
  });
});
