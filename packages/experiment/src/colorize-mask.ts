/** A class's display colour. */
export interface ClassColor {
  name: string;
  color: [number, number, number];
}

/**
 * Paints a class-index mask in its classes' colours (ignore, 255, in mid grey), optionally blended
 * over an RGB image.
 *
 * @param mask Class indices, `width*height`.
 * @param classes Names and colours, indexed by class id.
 * @param over RGB image to blend over, `width*height*3`.
 * @param alpha Weight of the mask colour when blending; default 0.5.
 * @returns RGB bytes.
 * @example
 * ```ts
 * const rgb = colorizeMask(mask, classes, image, 0.5);
 * ```
 */
export function colorizeMask(mask: Uint8Array, classes: ClassColor[], over?: Uint8Array, alpha = 0.5): Uint8Array {
  const out = new Uint8Array(mask.length * 3);
  for (let i = 0; i < mask.length; i++) {
    const c = mask[i];
    const col = c < classes.length ? classes[c].color : [128, 128, 128];
    for (let k = 0; k < 3; k++) {
      const v = over ? (1 - alpha) * over[i * 3 + k] + alpha * col[k] : col[k];
      out[i * 3 + k] = Math.round(v);
    }
  }
  return out;
}
