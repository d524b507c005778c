/**
 * The EMA decay of official StyleGAN's `Gs`: `0.5 ** (batch / halfLifeImages)`, so that the
 * average has a half-life of `halfLifeImages` images (official 10,000).
 *
 * @param batch Images a step.
 * @param halfLifeImages Half-life in images.
 * @returns beta in [0, 1).
 * @example
 * ```ts
 * emaBeta(8, 10000); // 0.99945
 * ```
 */
export function emaBeta(batch: number, halfLifeImages: number): number {
  if (!(halfLifeImages > 0)) return 0;
  return Math.pow(0.5, batch / halfLifeImages);
}
