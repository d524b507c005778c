import type { Pixels } from './resize-image.js';

/**
 * Resizes a class-index mask by the nearest pixel centre (torch's `mode='nearest-exact'`): output
 * pixel x takes source pixel `floor((x + 0.5) * W / width)`. Class ids and 255 (ignore) are kept,
 * never blended.
 *
 * @param mask One byte a pixel (`width * height`).
 * @param width The new width (>= 1).
 * @param height The new height (>= 1).
 * @returns The resized mask.
 * @example
 * ```ts
 * const small = resizeMask({ data: mask, width: 640, height: 480 }, 320, 240);
 * ```
 */
export function resizeMask(mask: Pixels, width: number, height: number): Pixels {
  const { data: src, width: W, height: H } = mask;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(H - 1, Math.floor(((y + 0.5) * H) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(W - 1, Math.floor(((x + 0.5) * W) / width));
      out[y * width + x] = src[sy * W + sx];
    }
  }
  return { data: out, width, height };
}
