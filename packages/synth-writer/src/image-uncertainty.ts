/**
 * One number for an image from per-pixel uncertainties: the mean of the most uncertain `top`
 * fraction of pixels (DatasetGAN and DDPM-segmentation use the top 10%).
 *
 * @param pixels Per-pixel uncertainty (entropy or ensemble disagreement).
 * @param top Fraction of pixels to average, in (0, 1]; default 0.1.
 * @returns The image's uncertainty.
 * @example
 * ```ts
 * imageUncertainty(new Float32Array([0, 0, 0, 1]), 0.25); // 1
 * ```
 */
export function imageUncertainty(pixels: Float32Array | number[], top = 0.1): number {
  if (!(top > 0 && top <= 1)) throw new RangeError(`imageUncertainty: top must be in (0, 1], got ${top}.`);
  const n = pixels.length;
  if (n === 0) return 0;
  const k = Math.max(1, Math.ceil(n * top));
  const sorted = Float64Array.from(pixels).sort();
  let s = 0;
  for (let i = n - k; i < n; i++) s += sorted[i];
  return s / k;
}
