import { describe, expect, it } from 'vitest';
import { validateMask } from './validate-mask.js';

describe('validateMask', () => {
  const exp = { id: 's', width: 3, height: 2, numClasses: 2 };
  it('accepts class ids and 255', () => {
    expect(() => validateMask({ width: 3, height: 2, data: Uint8Array.from([0, 1, 255, 1, 0, 255]) }, exp)).not.toThrow();
  });
  it('names the sizes and the first bad pixel', () => {
    expect(() => validateMask({ width: 2, height: 3, data: new Uint8Array(6) }, exp)).toThrow('mask for sample "s" is 2x3 but the sample is 3x2');
    expect(() => validateMask({ width: 3, height: 2, data: new Uint8Array(5) }, exp)).toThrow(/has 5 pixels, expected 3x2 = 6/);
    expect(() => validateMask({ width: 3, height: 2, data: Uint8Array.from([0, 1, 255, 1, 2, 254]) }, exp)).toThrow(
      'mask for sample "s": class id 2 at pixel (x=1, y=1) is beyond classes.json (2 classes: ids 0-1, and 255 = ignore)',
    );
  });
});
