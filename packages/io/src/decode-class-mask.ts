import { decodePngSamples, type PngSamples } from './decode-png-samples.js';
import { PngError } from './png-error.js';

/** How {@link decodeClassMask} reads a mask. */
export type ClassMaskFormat = 'auto' | 'index' | 'rgb' | 'grey3';

/** Options of {@link decodeClassMask}. */
export interface DecodeClassMaskOptions {
  /** The size the mask must have (checked on the header, before decoding). */
  width: number;
  height: number;
  /** Number of classes: ids 0 .. numClasses - 1. */
  numClasses: number;
  /** Class colours (index = class id), for RGB masks; without them an RGB mask is an error. */
  colors?: readonly (readonly number[])[];
  /** Class names (index = class id), used in error messages. */
  names?: readonly string[];
  /** The ignore label (default 255). */
  ignore?: number;
  /**
   * `'auto'` (default): grey and palette masks are class indices (any bit depth, unscaled); RGB(A)
   * masks go through `colors`; the paper's three-level grey (below 64 ignore, 64..192 background,
   * above 192 foreground, two classes) only when the whole mask is in that format. `'index'`,
   * `'rgb'`, `'grey3'` force one reading.
   */
  format?: ClassMaskFormat;
  /** The most pixels accepted (default 2^26, 8192 x 8192). */
  maxPixels?: number;
}

/** A decoded class mask: ids row-major (`ignore` = not annotated), and how it was read. */
export interface ClassMask {
  mask: Uint8Array;
  width: number;
  height: number;
  format: Exclude<ClassMaskFormat, 'auto'>;
}

/**
 * Reads a PNG mask as class ids without ever changing a label silently: grey masks of 1, 2, 4, 8
 * or 16 bits and palette masks are read as the indices they store (grey + alpha: alpha 0 is
 * ignore); RGB and RGBA masks only through the class colours (alpha 0 is ignore); the paper's
 * three-level grey mask only when asked for, or when the whole mask is in that format (two
 * classes, 8-bit, some background level 64..192, no pixel holding the class id 1). Anything
 * ambiguous, an unknown colour, an id out of range: a `PngError` naming the pixel (`x`, `y`). The
 * size is checked on the header before anything is decoded.
 *
 * @param bytes The PNG file's bytes.
 * @param options Expected size, classes, colours, ignore label, format.
 * @returns The class ids and the format they were read in.
 * @throws PngError for a wrong size, a damaged file, or a pixel that is no class (callers add the file name).
 * @example
 * ```ts
 * const { mask } = decodeClassMask(await readFile('masks/a.png'), { width: 256, height: 256, numClasses: 2 });
 * ```
 */
export function decodeClassMask(bytes: Uint8Array, options: DecodeClassMaskOptions): ClassMask {
  const { width, height, numClasses } = options;
  const ignore = options.ignore ?? 255;
  const format = options.format ?? 'auto';
  const s = decodePngSamples(bytes, { width, height, maxPixels: options.maxPixels });
  const n = width * height;
  const at = (i: number): { x: number; y: number } => ({ x: i % width, y: Math.floor(i / width) });
  const ids = `${numClasses > 1 ? `0..${numClasses - 1}` : '0'}${options.names ? ` (${options.names.join(', ')})` : ''} or ${ignore} (ignore)`;
  const fail = (i: number, message: string, expected: string, found: string): never => {
    const { x, y } = at(i);
    throw new PngError(`pixel (${x}, ${y}) ${message}`, { expected, found, x, y });
  };
  const valid = (v: number): boolean => v < numClasses || v === ignore;
  const ct = s.colorType;
  const mask = new Uint8Array(n);

  if (ct === 0 || ct === 4 || ct === 3) {
    const spp = s.samplesPerPixel;
    const alpha0 = (i: number): boolean => ct === 4 && s.data[i * 2 + 1] === 0;
    if (ct === 3 && format === 'rgb') return { mask: _viaColours(s, options, ignore, fail), width, height, format: 'rgb' };
    if (format === 'rgb') {
      throw new PngError(`is a grey PNG (colour type ${ct}); the rgb format needs colours`, { expected: 'an RGB or palette PNG', found: `colour type ${ct}` });
    }
    let useGrey3 = format === 'grey3';
    if (useGrey3 && ct === 3) throw new PngError('is a palette PNG; the three-level grey format is grey', { expected: 'a grey PNG', found: 'colour type 3' });
    if (format === 'auto') {
      let bad = -1;
      for (let i = 0; i < n; i++) if (!alpha0(i) && !valid(s.data[i * spp])) { bad = i; break; }
      if (bad >= 0) {
        // Not all class ids: the three-level grey format only if the whole mask is in it.
        let one = -1;
        let mid = false;
        for (let i = 0; i < n; i++) {
          const v = s.data[i * spp];
          if (v === 1 && one < 0) one = i;
          if (v >= 64 && v <= 192) mid = true;
        }
        if (ct === 0 && s.depth === 8 && numClasses === 2 && ignore === 255 && one < 0 && mid) useGrey3 = true;
        else {
          const why = ct === 3 ? '' : numClasses !== 2 ? '' : s.depth !== 8 ? `; a ${s.depth}-bit mask is never read as three-level grey`
            : one >= 0 ? `; nor a three-level grey mask, since pixel (${at(one).x}, ${at(one).y}) holds the class id 1 (pass the grey3 format to read it so)`
              : '; nor a three-level grey mask, since no pixel has the background level 64..192 (pass the grey3 format to read it so)';
          const v = s.data[bad * spp];
          fail(bad, why ? `has value ${v}: no class id (expected ${ids})${why}` : `has ${ct === 3 ? 'palette index' : 'class id'} ${v}; expected ${ids}`, ids, String(v));
        }
      }
      if (ct === 3 && options.colors) _checkPaletteAgrees(s, options.colors, numClasses, fail);
    }
    if (useGrey3) {
      if (numClasses !== 2) throw new PngError(`is read as a three-level grey mask, which needs exactly 2 classes (background, foreground); there are ${numClasses}`, { expected: '2 classes', found: `${numClasses} classes` });
      const scale = s.depth === 16 ? 1 / 257 : 255 / ((1 << s.depth) - 1);
      for (let i = 0; i < n; i++) {
        const v = Math.round(s.data[i * spp] * scale);
        mask[i] = alpha0(i) ? ignore : v < 64 ? ignore : v <= 192 ? 0 : 1;
      }
      return { mask, width, height, format: 'grey3' };
    }
    for (let i = 0; i < n; i++) {
      if (alpha0(i)) { mask[i] = ignore; continue; }
      const v = s.data[i * spp];
      if (!valid(v)) fail(i, `has ${ct === 3 ? 'palette index' : 'class id'} ${v}; expected ${ids}`, ids, String(v));
      mask[i] = v;
    }
    return { mask, width, height, format: 'index' };
  }
  // RGB / RGBA
  if (format === 'index' || format === 'grey3') {
    throw new PngError(`is an RGB${ct === 6 ? 'A' : ''} PNG; expected class indices in a grey (or palette) PNG, one id a pixel`, { expected: 'a grey or palette PNG', found: `colour type ${ct}` });
  }
  return { mask: _viaColours(s, options, ignore, fail), width, height, format: 'rgb' };
}

type _Fail = (i: number, message: string, expected: string, found: string) => never;

function _viaColours(s: PngSamples, options: DecodeClassMaskOptions, ignore: number, fail: _Fail): Uint8Array {
  const colors = options.colors;
  if (!colors || colors.length === 0) {
    throw new PngError('is a colour PNG, but no class colours were given to read it by (classes.json colours); save the mask as grey class indices', { expected: 'class colours', found: 'none' });
  }
  const lut = new Map<number, number>();
  colors.forEach((c, k) => { if (!lut.has(_key(c[0], c[1], c[2]))) lut.set(_key(c[0], c[1], c[2]), k); });
  const list = colors.map((c, k) => `${options.names?.[k] ?? k} (${c.slice(0, 3).join(', ')})`).join(', ');
  const n = s.width * s.height;
  const mask = new Uint8Array(n);
  const spp = s.samplesPerPixel;
  const to8 = (i: number, v: number): number => {
    if (s.depth === 8) return v;
    if (v % 257 !== 0) fail(i, `has the 16-bit sample ${v}, which is no 8-bit class colour`, `multiples of 257 (class colours)`, String(v));
    return v / 257;
  };
  for (let i = 0; i < n; i++) {
    let r: number, g: number, b: number, a: number;
    if (s.colorType === 3) {
      const k = s.data[i];
      if (!s.palette || 3 * k + 2 >= s.palette.length) fail(i, `has palette index ${k}, past the palette`, 'an index of PLTE', String(k));
      [r, g, b] = [s.palette![3 * k], s.palette![3 * k + 1], s.palette![3 * k + 2]];
      a = s.transparency && k < s.transparency.length ? s.transparency[k] : 255;
    } else {
      a = spp === 4 ? (s.data[i * spp + 3] === 0 ? 0 : 255) : 255;
      if (a === 0) { mask[i] = ignore; continue; }
      r = to8(i, s.data[i * spp]);
      g = to8(i, s.data[i * spp + 1]);
      b = to8(i, s.data[i * spp + 2]);
    }
    if (a === 0) { mask[i] = ignore; continue; }
    const k = lut.get(_key(r!, g!, b!));
    if (k === undefined) fail(i, `has colour (${r!}, ${g!}, ${b!}), which is no class colour; expected one of ${list}, or alpha 0 for ignore`, list, `(${r!}, ${g!}, ${b!})`);
    mask[i] = k!;
  }
  return mask;
}

/** A palette mask read as indices must not contradict its own colours: index k drawn in class j's colour is ambiguous. */
function _checkPaletteAgrees(s: PngSamples, colors: readonly (readonly number[])[], numClasses: number, fail: _Fail): void {
  const pal = s.palette!;
  const checked = new Set<number>();
  for (let i = 0; i < s.data.length; i++) {
    const k = s.data[i];
    if (checked.has(k)) continue;
    checked.add(k);
    if (3 * k + 2 >= pal.length) continue;
    const c = _key(pal[3 * k], pal[3 * k + 1], pal[3 * k + 2]);
    const j = colors.findIndex((col, m) => m < numClasses && _key(col[0], col[1], col[2]) === c);
    if (j >= 0 && j !== k) {
      fail(i, `has palette index ${k}, drawn in the colour (${pal[3 * k]}, ${pal[3 * k + 1]}, ${pal[3 * k + 2]}) of class ${j}: the index and the colour disagree (pass the rgb format to read it by colour, or index to read it by index)`,
        `palette index ${j} for class ${j}'s colour`, `index ${k}`);
    }
  }
}

function _key(r: number, g: number, b: number): number {
  return (r << 16) | (g << 8) | b;
}
