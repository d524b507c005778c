/**
 * Pure raster operations on class-index masks, shared by the page (browser) and tests (Node).
 * No Node or DOM imports. Coordinates are continuous: pixel (x, y) covers [x, x+1) x [y, y+1)
 * and its centre is (x + 0.5, y + 0.5).
 */

/** A mask being edited: one class index a pixel, row-major. */
export interface _Mask {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Inclusive pixel rectangle that an operation changed (or may have changed). */
export interface _Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** @returns the union of two rectangles, either of which may be null */
export function _unionRect(a: _Rect | null, b: _Rect | null): _Rect | null {
  if (!a) return b;
  if (!b) return a;
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

/**
 * Paints a disc: every pixel whose centre lies within `diameter / 2` of (cx, cy), and always the
 * pixel that contains (cx, cy), so a 1-pixel brush paints one pixel.
 * @returns the rectangle touched, or null when the disc is outside the mask
 */
export function _paintDisc(m: _Mask, cx: number, cy: number, diameter: number, value: number): _Rect | null {
  const r = Math.max(0.5, diameter / 2);
  const r2 = r * r;
  const x0 = Math.max(0, Math.floor(cx - r));
  const x1 = Math.min(m.width - 1, Math.ceil(cx + r));
  const y0 = Math.max(0, Math.floor(cy - r));
  const y1 = Math.min(m.height - 1, Math.ceil(cy + r));
  let touched: _Rect | null = null;
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      if (dx * dx + dy * dy <= r2) {
        m.data[y * m.width + x] = value;
        touched = _unionRect(touched, { x0: x, y0: y, x1: x, y1: y });
      }
    }
  }
  const px = Math.floor(cx);
  const py = Math.floor(cy);
  if (px >= 0 && py >= 0 && px < m.width && py < m.height) {
    m.data[py * m.width + px] = value;
    touched = _unionRect(touched, { x0: px, y0: py, x1: px, y1: py });
  }
  return touched;
}

/**
 * Paints discs along the segment from (ax, ay) to (bx, by), close enough to leave no gap.
 * @returns the rectangle touched, or null
 */
export function _paintLine(m: _Mask, ax: number, ay: number, bx: number, by: number, diameter: number, value: number): _Rect | null {
  const dist = Math.hypot(bx - ax, by - ay);
  const step = Math.max(0.25, Math.min(1, diameter / 4));
  const n = Math.max(1, Math.ceil(dist / step));
  let rect: _Rect | null = null;
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    rect = _unionRect(rect, _paintDisc(m, ax + (bx - ax) * t, ay + (by - ay) * t, diameter, value));
  }
  return rect;
}

/**
 * Fills a polygon (even-odd rule) over the pixels whose centres lie inside it.
 * @param points vertices as [x0, y0, x1, y1, ...] in continuous pixel coordinates
 * @returns the rectangle touched, or null
 */
export function _fillPolygon(m: _Mask, points: number[], value: number): _Rect | null {
  const n = points.length / 2;
  if (n < 3) return null;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minY = Math.min(minY, points[2 * i + 1]);
    maxY = Math.max(maxY, points[2 * i + 1]);
  }
  const yStart = Math.max(0, Math.ceil(minY - 0.5));
  const yEnd = Math.min(m.height - 1, Math.floor(maxY - 0.5));
  let rect: _Rect | null = null;
  const xs: number[] = [];
  for (let y = yStart; y <= yEnd; y++) {
    const sy = y + 0.5;
    xs.length = 0;
    for (let i = 0; i < n; i++) {
      const ax = points[2 * i];
      const ay = points[2 * i + 1];
      const bx = points[(2 * i + 2) % (2 * n)];
      const by = points[(2 * i + 3) % (2 * n)];
      if ((ay <= sy && by > sy) || (by <= sy && ay > sy)) xs.push(ax + ((sy - ay) / (by - ay)) * (bx - ax));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const xa = Math.max(0, Math.ceil(xs[k] - 0.5));
      const xb = Math.min(m.width - 1, Math.ceil(xs[k + 1] - 0.5) - 1);
      if (xb < xa) continue;
      m.data.fill(value, y * m.width + xa, y * m.width + xb + 1);
      rect = _unionRect(rect, { x0: xa, y0: y, x1: xb, y1: y });
    }
  }
  return rect;
}

/**
 * Flood fill, 4-connected, from pixel (x, y).
 * Mode 'mask' fills the connected region that has the seed's class. Mode 'colour' fills the
 * connected region whose image colour is within `tolerance` of the seed's colour (largest
 * difference over R, G, B), whatever its current class.
 * @param image RGBA pixels of the sample (needed for mode 'colour')
 * @returns the rectangle touched, or null when nothing changed
 */
export function _floodFill(
  m: _Mask,
  x: number,
  y: number,
  value: number,
  mode: 'mask' | 'colour' = 'mask',
  image?: Uint8ClampedArray | Uint8Array,
  tolerance = 0,
): _Rect | null {
  const { width: w, height: h, data } = m;
  if (x < 0 || y < 0 || x >= w || y >= h) return null;
  const seed = y * w + x;
  let inside: (i: number) => boolean;
  if (mode === 'mask') {
    const c = data[seed];
    if (c === value) return null;
    inside = (i) => data[i] === c;
  } else {
    if (!image) throw new Error('colour flood fill needs the image');
    const r = image[4 * seed];
    const g = image[4 * seed + 1];
    const b = image[4 * seed + 2];
    inside = (i) =>
      Math.max(Math.abs(image[4 * i] - r), Math.abs(image[4 * i + 1] - g), Math.abs(image[4 * i + 2] - b)) <= tolerance;
  }
  const seen = new Uint8Array(w * h);
  const stack = [seed];
  seen[seed] = 1;
  let rect: _Rect | null = null;
  let x0 = x;
  let x1 = x;
  let y0 = y;
  let y1 = y;
  while (stack.length > 0) {
    const i = stack.pop() as number;
    const px = i % w;
    const py = (i - px) / w;
    data[i] = value;
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
    const nb = [px > 0 ? i - 1 : -1, px < w - 1 ? i + 1 : -1, py > 0 ? i - w : -1, py < h - 1 ? i + w : -1];
    for (const j of nb) {
      if (j >= 0 && !seen[j] && inside(j)) {
        seen[j] = 1;
        stack.push(j);
      }
    }
  }
  rect = { x0, y0, x1, y1 };
  return rect;
}
