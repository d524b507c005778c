/** Pixels, row-major and interleaved: `width * height * channels` bytes. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Resizes an RGB image bilinearly, sampling at pixel centres (`align_corners=False`, no
 * antialiasing: torch's `F.interpolate(mode='bilinear')`), rounded half up to 8 bits.
 *
 * @param image RGB bytes (`width * height * 3`).
 * @param width The new width (>= 1).
 * @param height The new height (>= 1).
 * @returns The resized RGB image.
 * @example
 * ```ts
 * const small = resizeImage({ data: rgb, width: 640, height: 480 }, 320, 240);
 * ```
 */
export function resizeImage(image: Pixels, width: number, height: number): Pixels {
  const { data: src, width: W, height: H } = image;
  const out = new Uint8Array(width * height * 3);
  const sx = W / width;
  const sy = H / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(H - 1, Math.floor(fy));
    const y1 = Math.min(H - 1, y0 + 1);
    const ty = Math.min(1, fy - y0);
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(W - 1, Math.floor(fx));
      const x1 = Math.min(W - 1, x0 + 1);
      const tx = Math.min(1, fx - x0);
      for (let c = 0; c < 3; c++) {
        const a = src[(y0 * W + x0) * 3 + c];
        const b = src[(y0 * W + x1) * 3 + c];
        const d = src[(y1 * W + x0) * 3 + c];
        const e = src[(y1 * W + x1) * 3 + c];
        const v = (1 - ty) * ((1 - tx) * a + tx * b) + ty * ((1 - tx) * d + tx * e);
        out[(y * width + x) * 3 + c] = Math.min(255, Math.floor(v + 0.5));
      }
    }
  }
  return { data: out, width, height };
}
