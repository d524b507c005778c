/**
 * Fills a polygon (flat `x0, y0, x1, y1, ...`) into `out` (1 = inside) with the even-odd rule at
 * pixel centres: pixel (x, y) is inside when (x + 0.5, y + 0.5) is. An edge counts for a row when
 * it spans the centre half-open (y0 <= cy < y1 or y1 <= cy < y0); a centre exactly on a crossing
 * belongs to the span that starts there. Points outside the image are clipped (callers check them).
 */
export function _fillPolygon(poly: readonly number[], width: number, height: number, out: Uint8Array): void {
  _fillPolygons([poly], width, height, out);
}

/**
 * Fills several polygons together with one even-odd parity (a ring inside a ring is a hole), by
 * the rule of {@link _fillPolygon}.
 */
export function _fillPolygons(polys: readonly (readonly number[])[], width: number, height: number, out: Uint8Array): void {
  let ymin = Infinity;
  let ymax = -Infinity;
  for (const poly of polys) {
    for (let i = 1; i < poly.length; i += 2) {
      ymin = Math.min(ymin, poly[i]);
      ymax = Math.max(ymax, poly[i]);
    }
  }
  const yFrom = Math.max(0, Math.floor(ymin - 0.5));
  const yTo = Math.min(height - 1, Math.ceil(ymax));
  const xs: number[] = [];
  for (let y = yFrom; y <= yTo; y++) {
    const cy = y + 0.5;
    xs.length = 0;
    for (const poly of polys) {
      const m = poly.length >> 1;
      for (let i = 0; i < m; i++) {
        const x0 = poly[2 * i];
        const y0 = poly[2 * i + 1];
        const j = (i + 1) % m;
        const x1 = poly[2 * j];
        const y1 = poly[2 * j + 1];
        if ((y0 <= cy && y1 > cy) || (y1 <= cy && y0 > cy)) xs.push(x0 + ((cy - y0) / (y1 - y0)) * (x1 - x0));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // centres cx with xs[k] <= cx < xs[k + 1]
      const from = Math.max(0, Math.ceil(xs[k] - 0.5));
      const to = Math.min(width - 1, Math.ceil(xs[k + 1] - 0.5) - 1);
      for (let x = from; x <= to; x++) out[y * width + x] = 1;
    }
  }
}
