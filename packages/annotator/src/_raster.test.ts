import { describe, expect, it } from 'vitest';
import { _fillPolygon, _floodFill, _paintDisc, _paintLine, type _Mask } from './_raster.js';

const mask = (w: number, h: number, v = 255): _Mask => ({ width: w, height: h, data: new Uint8Array(w * h).fill(v) });
const rows = (m: _Mask) =>
  Array.from({ length: m.height }, (_, y) => Array.from(m.data.subarray(y * m.width, (y + 1) * m.width), (v) => (v === 255 ? '.' : String(v))).join(''));

describe('_paintDisc', () => {
  it('paints one pixel with size 1 and a disc of pixel centres within the radius', () => {
    const m = mask(7, 7);
    expect(_paintDisc(m, 1.2, 1.7, 1, 4)).toEqual({ x0: 1, y0: 1, x1: 1, y1: 1 });
    _paintDisc(m, 4.5, 4.5, 5, 2);
    expect(rows(m)).toEqual(['.......', '.4.....', '...222.', '..22222', '..22222', '..22222', '...222.']);
  });
  it('clips at the border', () => {
    const m = mask(3, 3);
    expect(_paintDisc(m, 1, 1, 3, 1)).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
    expect(rows(m)).toEqual(['11.', '11.', '...']);
    expect(_paintDisc(m, -10, -10, 3, 1)).toBeNull();
  });
});

describe('_paintLine', () => {
  it('leaves no gap along a long segment', () => {
    const m = mask(20, 3);
    _paintLine(m, 0.5, 1.5, 19.5, 1.5, 1, 0);
    expect(rows(m)[1]).toBe('0'.repeat(20));
    expect(rows(m)[0]).toBe('.'.repeat(20));
  });
});

describe('_fillPolygon', () => {
  it('fills the pixels whose centres are inside (even-odd)', () => {
    const m = mask(6, 6);
    expect(_fillPolygon(m, [1, 1, 5, 1, 5, 4, 1, 4], 3)).toEqual({ x0: 1, y0: 1, x1: 4, y1: 3 });
    expect(rows(m)).toEqual(['......', '.3333.', '.3333.', '.3333.', '......', '......']);
    const t = mask(5, 5);
    _fillPolygon(t, [0, 0, 5, 0, 0, 5], 1);
    expect(rows(t)).toEqual(['1111.', '111..', '11...', '1....', '.....']);
    expect(_fillPolygon(mask(3, 3), [0, 0, 1, 1], 1)).toBeNull();
  });
});

describe('_floodFill', () => {
  it("fills the 4-connected region of the seed's class and nothing else", () => {
    const m = mask(5, 4);
    m.data.set([1, 1, 1, 1, 1], 5); // a wall across row 1
    m.data[2 * 5 + 2] = 1;
    _floodFill(m, 0, 3, 0);
    expect(rows(m)).toEqual(['.....', '11111', '00100', '00000']);
    expect(_floodFill(m, 0, 3, 0)).toBeNull(); // already that class
  });
  it('fills by similar image colour within the tolerance', () => {
    const m = mask(4, 1);
    const img = Uint8Array.from([10, 10, 10, 255, 20, 12, 9, 255, 90, 10, 10, 255, 12, 12, 12, 255]);
    _floodFill(m, 0, 0, 2, 'colour', img, 10);
    expect(rows(m)).toEqual(['22..']); // the 4th pixel is similar but not connected
  });
});
