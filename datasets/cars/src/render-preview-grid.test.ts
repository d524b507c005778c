import { decodePng } from '@ganseg/io';
import { describe, expect, it } from 'vitest';
import { renderPreviewGrid } from './render-preview-grid.js';
import { renderScene } from './render-scene.js';

describe('renderPreviewGrid', () => {
  it('lays scenes and masks out on a sheet', () => {
    const png = renderPreviewGrid([0, 1, 2], { cols: 2, size: 32, gap: 2 });
    const { width, height, data: rgb } = decodePng(png, { channels: 3 });
    expect(width).toBe(2 * (2 * 32 + 2 + 2) + 2);
    expect(height).toBe(2 * (32 + 2) + 2);
    // the empty fourth tile stays white, the first tile does not
    expect(rgb[3 * ((2 + 34 + 5) * width + width - 10)]).toBe(255);
    expect(rgb.slice(3 * (5 * width + 5), 3 * (5 * width + 5) + 3).every((v) => v === 255)).toBe(false);
  });

  it('draws the asked layout', () => {
    const png = renderPreviewGrid([4], { cols: 1, size: 32, gap: 0, layout: 'car-centric' });
    const { width, data: rgb } = decodePng(png, { channels: 3 });
    const { image } = renderScene(4, { size: 32, variant: 'multi', layout: 'car-centric' });
    for (let y = 0; y < 32; y++) {
      expect(Buffer.from(rgb.slice(3 * y * width, 3 * (y * width + 32))).equals(Buffer.from(image.slice(3 * y * 32, 3 * (y + 1) * 32)))).toBe(true);
    }
  });
});
