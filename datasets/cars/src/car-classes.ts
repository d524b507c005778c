import { IGNORE_INDEX, type ClassInfo, type ClassesFile } from '@ganseg/formats';

/** Which mask a scene is rendered with. */
export type CarVariant = 'binary' | 'multi';


const _MULTI: ClassInfo[] = [
  { name: 'sky', color: [70, 130, 180] },
  { name: 'road', color: [128, 64, 128] },
  { name: 'background', color: [152, 152, 102] },
  { name: 'car body', color: [0, 0, 142] },
  { name: 'window', color: [0, 200, 255] },
  { name: 'wheel', color: [220, 20, 60] },
  { name: 'light', color: [250, 170, 30] },
];

const _BINARY: ClassInfo[] = [
  { name: 'background', color: [0, 0, 0] },
  { name: 'car', color: [0, 0, 142] },
];

/** Raised for a variant name that is neither `binary` nor `multi`. */
export class CarVariantError extends Error {
  override name = 'CarVariantError';
}

/**
 * The classes of a variant of the cars domain, in the `classes.json` layout. `binary`:
 * background 0, car 1 (the paper's LSUN-cars setting). `multi`: sky 0, road 1, background 2
 * (sidewalks, grass, buildings, trees, poles, people, far skyline), car body 3, window 4,
 * wheel 5, light 6. Mask value 255 is the ignore label (never written by the renderer).
 *
 * @param variant `binary` or `multi`.
 * @returns A fresh copy of the class list.
 * @example
 * ```ts
 * carClasses('multi').classes.map((c) => c.name); // ['sky', 'road', ...]
 * ```
 */
export function carClasses(variant: CarVariant): ClassesFile {
  if (variant !== 'binary' && variant !== 'multi') {
    throw new CarVariantError(`variant "${String(variant)}": expected "binary" or "multi".`);
  }
  const src = variant === 'binary' ? _BINARY : _MULTI;
  return { classes: src.map((c) => ({ name: c.name, color: [...c.color] as [number, number, number] })), ignore: IGNORE_INDEX };
}
