import { describe, expect, it } from 'vitest';
import { _rleFill, _rleFromString } from './_rle.js';

describe('COCO RLE', () => {
  it("decodes pycocotools' compressed counts (deltas from two runs back, negative ones too)", () => {
    // strings from tools/formats-ref/make_fixtures.py's rle_string (pycocotools' rleToString)
    expect(_rleFromString('352OV1')).toEqual([3, 5, 2, 4, 40]);
    expect(_rleFromString('352LnQW1')).toEqual([3, 5, 2, 1, 40000]);
    expect(() => _rleFromString('3\u0001')).toThrow(/expected chars 0 to o/);
    expect(() => _rleFromString('V')).toThrow(/end inside a number/);
  });

  it('fills column-major runs and refuses runs that do not cover the image', () => {
    const out = new Uint8Array(6);
    _rleFill([1, 2, 3], 3, 2, out); // column-major: (0,0)=0 (0,1)=1 (1,0)=1 ...
    expect(Array.from(out)).toEqual([0, 1, 0, 1, 0, 0]);
    expect(() => _rleFill([1, 2], 3, 2, new Uint8Array(6))).toThrow(/cover 3 pixels/);
    expect(() => _rleFill([4, 4], 3, 2, new Uint8Array(6))).toThrow(/cover more than/);
    expect(() => _rleFill([-1, 7], 3, 2, new Uint8Array(6))).toThrow(/run 0 is -1/);
  });
});
