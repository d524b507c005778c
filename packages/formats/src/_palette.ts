/** The PASCAL VOC colour map: class k's colour from the bits of k (index 0 black, 255 (224, 224, 192)). */
export function _vocColor(k: number): [number, number, number] {
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
