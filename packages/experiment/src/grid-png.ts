import { encodePng } from '@ganseg/io';

/** One tile of a grid: RGB bytes and size. */
export interface Tile {
  rgb: Uint8Array;
  width: number;
  height: number;
}

/**
 * Lays RGB tiles out in rows (each row a list of tiles) on a white background and encodes a PNG:
 * the sample grids of reports (images beside masks of each method).
 *
 * @param rows Rows of tiles; rows may differ in length; tiles in a row share a height.
 * @param pad Pixels between tiles; default 2.
 * @returns PNG bytes.
 * @example
 * ```ts
 * await fs.writeFile('grid.png', gridPng([[img, maskA, maskB], [img2, maskA2, maskB2]]));
 * ```
 */
export function gridPng(rows: Tile[][], pad = 2): Buffer {
  const width = Math.max(1, ...rows.map((r) => r.reduce((s, t) => s + t.width + pad, pad)));
  const rowH = rows.map((r) => Math.max(0, ...r.map((t) => t.height)));
  const height = Math.max(1, rowH.reduce((s, h) => s + h + pad, pad));
  const data = Buffer.alloc(width * height * 3, 255);
  let y0 = pad;
  rows.forEach((row, ri) => {
    let x0 = pad;
    for (const t of row) {
      for (let y = 0; y < t.height; y++) {
        const src = y * t.width * 3;
        const dst = ((y0 + y) * width + x0) * 3;
        data.set(t.rgb.subarray(src, src + t.width * 3), dst);
      }
      x0 += t.width + pad;
    }
    y0 += rowH[ri] + pad;
  });
  return encodePng({ data, width, height, channels: 3 });
}
