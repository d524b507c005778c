/**
 * The PASCAL VOC colour map, the default colour of class `k` when a dataset names no colour:
 * the bits of `k` spread over r, g, b (class 0 black, 1 (128, 0, 0), 255 (224, 224, 192)).
 *
 * @param k The class id, 0 to 255.
 * @returns `[r, g, b]`.
 * @example
 * ```ts
 * paletteColor(1); // [128, 0, 0]
 * ```
 */
export function paletteColor(k: number): [number, number, number] {
  let r = 0;
  let g = 0;
  let b = 0;
  let c = k;
  for (let j = 0; j < 8; j++) {
    r |= (c & 1) << (7 - j);
    g |= ((c >> 1) & 1) << (7 - j);
    b |= ((c >> 2) & 1) << (7 - j);
    c >>= 3;
  }
  return [r, g, b];
}
