import { promises as fs } from 'node:fs';
import { decodePng, type DecodedPng } from '@ganseg/io';
import type { ClassInfo } from './class-info.js';
import { IGNORE_INDEX } from './default-classes.js';
import { MaskError } from './mask-error.js';
import { _rasterizeCoco } from './_rasterize-coco.js';

/** Mask file formats {@link loadMask} reads. */
export type MaskFormat = 'auto' | 'index' | 'rgb' | 'grey3' | 'coco';

/** Options of {@link loadMask}. */
export interface LoadMaskOptions {
  /** The workspace's classes (index = class id). */
  classes: ClassInfo[];
  /** Expected mask side (the sample's image). */
  width: number;
  height: number;
  /**
   * The format. `'auto'` (default): `.json` is COCO; a PNG stored in colour (RGB, RGBA, palette)
   * is read in the classes' colours (unless every pixel is grey, R = G = B, and some are no class
   * colour: then it is read as a grey PNG saved in RGB); a grey PNG is a class-index mask when every value is a class
   * id or 255, else (two classes only) the paper's three-level grey mask. A grey PNG holding only
   * 0 and 255 reads as class indices (background + ignore); pass `'grey3'` to force the paper's
   * reading (ignore + foreground).
   */
  format?: MaskFormat;
}

/** A loaded mask: class ids row-major (255 = ignore) and the format it was read as. */
export interface LoadedMask {
  mask: Uint8Array;
  width: number;
  height: number;
  format: Exclude<MaskFormat, 'auto'>;
}

/**
 * Reads a mask file as class indices (255 = ignore). Accepts an 8-bit class-index PNG (255 =
 * ignore); an RGB(A) PNG in the colours of classes.json (alpha 0 = ignore); the paper's three-level
 * grey PNG (below 64 ignore, 64..192 background = class 0, above 192 foreground = class 1); a
 * COCO JSON with polygons (rasterised with an even-odd scanline fill at pixel centres, categories
 * matched to classes by name, annotations painted in order over background).
 *
 * @param file The mask file.
 * @param options Classes, expected size, format.
 * @returns The class-index mask.
 * @throws MaskError for a wrong size, an unknown colour, class id or category (file, pixel x,y, value, expected).
 * @example
 * ```ts
 * const { mask } = await loadMask('ws/masks/s0000.png', { classes, width: 256, height: 256 });
 * ```
 */
export async function loadMask(file: string, options: LoadMaskOptions): Promise<LoadedMask> {
  const { classes, width, height } = options;
  const format = options.format ?? 'auto';
  const buf = await fs.readFile(file);
  if (format === 'coco' || (format === 'auto' && /\.json$/i.test(file))) {
    let json: unknown;
    try {
      json = JSON.parse(buf.toString('utf8'));
    } catch (e) {
      throw new MaskError(file, `not valid JSON (${(e as Error).message}); expected a COCO annotation file.`);
    }
    return { mask: _rasterizeCoco(file, json, classes, width, height), width, height, format: 'coco' };
  }
  let png: DecodedPng;
  try {
    png = decodePng(buf);
  } catch (e) {
    throw new MaskError(file, `${(e as Error).message}; expected a PNG or a COCO .json.`);
  }
  if (png.width !== width || png.height !== height) {
    throw new MaskError(file, `is ${png.width}x${png.height}; expected ${width}x${height} (the size of its sample).`);
  }
  const n = width * height;
  const px = png.data; // RGBA
  let fmt: Exclude<MaskFormat, 'auto' | 'coco'>;
  if (format === 'auto') {
    // colour type bit 2: stored in colour (RGB, RGBA or palette)
    if ((png.colorType & 2) !== 0 && !_greyInColourOnly(px, n, classes)) fmt = 'rgb';
    else {
      let allIds = true;
      for (let i = 0; i < n; i++) {
        const v = px[4 * i];
        if (v >= classes.length && v !== IGNORE_INDEX) {
          allIds = false;
          break;
        }
      }
      if (allIds) fmt = 'index';
      else if (classes.length === 2) fmt = 'grey3';
      else fmt = 'index'; // reports the first bad id below
    }
  } else {
    fmt = format;
  }
  const mask = new Uint8Array(n);
  if (fmt === 'rgb') {
    const lut = new Map<number, number>();
    classes.forEach((c, k) => lut.set((c.color[0] << 16) | (c.color[1] << 8) | c.color[2], k));
    for (let i = 0; i < n; i++) {
      if (px[4 * i + 3] === 0) {
        mask[i] = IGNORE_INDEX;
        continue;
      }
      const key = (px[4 * i] << 16) | (px[4 * i + 1] << 8) | px[4 * i + 2];
      const k = lut.get(key);
      if (k === undefined) {
        const x = i % width;
        const y = Math.floor(i / width);
        throw new MaskError(
          file,
          `pixel (${x}, ${y}) has colour (${px[4 * i]}, ${px[4 * i + 1]}, ${px[4 * i + 2]}), which is no class colour; expected one of ${classes.map((c) => `${c.name} (${c.color.join(', ')})`).join(', ')}, or alpha 0 for ignore.`,
          x,
          y,
        );
      }
      mask[i] = k;
    }
  } else if (fmt === 'grey3') {
    if (classes.length !== 2) throw new MaskError(file, `a three-level grey mask needs exactly 2 classes (background, foreground); classes.json has ${classes.length}.`);
    for (let i = 0; i < n; i++) {
      const v = px[4 * i];
      mask[i] = v < 64 ? IGNORE_INDEX : v <= 192 ? 0 : 1;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = px[4 * i];
      if (v >= classes.length && v !== IGNORE_INDEX) {
        const x = i % width;
        const y = Math.floor(i / width);
        throw new MaskError(file, `pixel (${x}, ${y}) has class id ${v}; expected 0..${classes.length - 1} (${classes.map((c) => c.name).join(', ')}) or ${IGNORE_INDEX} (ignore).`, x, y);
      }
      mask[i] = v;
    }
  }
  return { mask, width, height, format: fmt };
}

/** Whether a colour PNG holds only grey pixels (R = G = B) that are not all class colours: then it is a grey mask saved as RGB. */
function _greyInColourOnly(px: Uint8Array, n: number, classes: ClassInfo[]): boolean {
  const colours = new Set(classes.map((c) => (c.color[0] << 16) | (c.color[1] << 8) | c.color[2]));
  let allClassColours = true;
  for (let i = 0; i < n; i++) {
    if (px[4 * i] !== px[4 * i + 1] || px[4 * i] !== px[4 * i + 2]) return false;
    if (px[4 * i + 3] !== 0 && !colours.has((px[4 * i] << 16) | (px[4 * i + 1] << 8) | px[4 * i + 2])) allClassColours = false;
  }
  return !allClassColours;
}
