import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { gridPng } from './grid-png.js';
import { colorizeMask } from './colorize-mask.js';

describe('gridPng and colorizeMask', () => {
  it('places tiles where they belong', () => {
    const red = { rgb: new Uint8Array(2 * 2 * 3).map((_, i) => (i % 3 === 0 ? 255 : 0)), width: 2, height: 2 };
    const blue = { rgb: new Uint8Array(3 * 1 * 3).map((_, i) => (i % 3 === 2 ? 255 : 0)), width: 3, height: 1 };
    const png = PNG.sync.read(gridPng([[red, blue], [blue]], 1));
    expect([png.width, png.height]).toEqual([1 + 2 + 1 + 3 + 1, 1 + 2 + 1 + 1 + 1]);
    const px = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    expect(px(1, 1)).toEqual([255, 0, 0]);
    expect(px(4, 1)).toEqual([0, 0, 255]);
    expect(px(4, 2)).toEqual([255, 255, 255]);
    expect(px(1, 4)).toEqual([0, 0, 255]);
  });

  it('colours masks and blends over images', () => {
    const classes = [{ name: 'bg', color: [0, 0, 0] as [number, number, number] }, { name: 'car', color: [200, 100, 0] as [number, number, number] }];
    expect(Array.from(colorizeMask(new Uint8Array([1, 0, 255]), classes))).toEqual([200, 100, 0, 0, 0, 0, 128, 128, 128]);
    expect(Array.from(colorizeMask(new Uint8Array([1]), classes, new Uint8Array([100, 100, 100]), 0.5))).toEqual([150, 100, 50]);
  });
});
