import { promises as fs } from 'node:fs';
import { decodeClassMask, PngError } from '@ganseg/io';
import type { ClassInfo } from './class-info.js';
import { IGNORE_INDEX } from './ignore-index.js';
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
   * The format. `'auto'` (default): `.json` is COCO; a grey PNG of any bit depth (1 to 16, values
   * unscaled) or a palette PNG is a class-index mask; RGB / RGBA only through the classes'
   * colours (alpha 0 = ignore); the paper's three-level grey mask only when the whole mask is in
   * that format (two classes, 8-bit, some background level 64..192, no pixel holding the id 1).
   * Anything else, or a palette whose indices and colours disagree, is a MaskError naming the
   * pixel. A grey PNG holding only 0 and 255 reads as class indices (background + ignore); pass
   * `'grey3'` to force the paper's reading (ignore + foreground).
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
 * Reads a mask file as class indices (255 = ignore), never changing a label silently. Accepts a
 * class-index PNG (grey at 1, 2, 4, 8 or 16 bits, values unscaled, or palette indices; 255 =
 * ignore); an RGB(A) PNG in the colours of classes.json (alpha 0 = ignore); the paper's three-level
 * grey PNG (below 64 ignore, 64..192 background = class 0, above 192 foreground = class 1); a
 * COCO JSON with polygons (rasterised with an even-odd scanline fill at pixel centres, categories
 * matched to classes by name, annotations painted in order over background).
 *
 * @param file The mask file.
 * @param options Classes, expected size, format.
 * @returns The class-index mask.
 * The size is checked on the PNG header before decoding; a damaged PNG (CRC, zlib) is an error.
 *
 * @throws MaskError for a wrong size, an unknown colour, class id or category, an ambiguous
 *   mask, a damaged file, a directory (file, pixel x,y, value, expected).
 * @example
 * ```ts
 * const { mask } = await loadMask('ws/masks/s0000.png', { classes, width: 256, height: 256 });
 * ```
 */
export async function loadMask(file: string, options: LoadMaskOptions): Promise<LoadedMask> {
  const { classes, width, height } = options;
  const format = options.format ?? 'auto';
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MaskError(file, code === 'EISDIR' ? 'is a directory; expected a mask file (PNG or COCO .json).' : code === 'ENOENT' ? 'missing; expected a mask file (PNG or COCO .json).' : `cannot be read (${(e as Error).message}).`);
  }
  if (format === 'coco' || (format === 'auto' && /\.json$/i.test(file))) {
    let json: unknown;
    try {
      json = JSON.parse(buf.toString('utf8'));
    } catch (e) {
      throw new MaskError(file, `not valid JSON (${(e as Error).message}); expected a COCO annotation file.`);
    }
    return { mask: _rasterizeCoco(file, json, classes, width, height), width, height, format: 'coco' };
  }
  let read;
  try {
    read = decodeClassMask(buf, {
      width,
      height,
      numClasses: classes.length,
      colors: classes.map((c) => c.color),
      names: classes.map((c) => c.name),
      ignore: IGNORE_INDEX,
      format,
    });
  } catch (e) {
    if (!(e instanceof PngError)) throw e;
    const hint = e.message.startsWith('not a readable PNG') ? '; expected a PNG or a COCO .json.' : '.';
    const msg = e.message.startsWith('is ') && /expected \d+x\d+$/.test(e.message) ? `${e.message} (the size of its sample).` : `${e.message}${hint}`;
    throw new MaskError(file, msg, e.x ?? null, e.y ?? null);
  }
  return { mask: read.mask, width, height, format: read.format };
}
