import { describe, expect, it } from 'vitest';
import { imageUncertainty } from './image-uncertainty.js';

describe('imageUncertainty', () => {
  it('averages the top fraction of pixels', () => {
    const px = Float32Array.from({ length: 100 }, (_, i) => i / 100);
    expect(imageUncertainty(px)).toBeCloseTo((0.9 + 0.99) / 2, 6);
    expect(imageUncertainty(px, 1)).toBeCloseTo(0.495, 6);
    expect(imageUncertainty(new Float32Array([0, 0, 0, 1]), 0.25)).toBe(1);
    expect(() => imageUncertainty(px, 0)).toThrow(RangeError);
  });
});
