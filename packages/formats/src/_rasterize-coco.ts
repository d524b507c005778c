import type { ClassInfo } from './class-info.js';
import { IGNORE_INDEX } from './ignore-index.js';
import { MaskError } from './mask-error.js';
import { _fillPolygons } from './_polygon.js';

interface _Coco {
  images?: { id: number | string; width?: number; height?: number; file_name?: string }[];
  annotations?: { image_id?: number | string; category_id: number | string; segmentation?: unknown; iscrowd?: number }[];
  categories?: { id: number | string; name: string }[];
}

/** COCO polygons to class ids; uncovered pixels are `background` (or ignore when no class has that name). */
export function _rasterizeCoco(file: string, json: unknown, classes: ClassInfo[], width: number, height: number): Uint8Array {
  const coco = json as _Coco;
  if (!coco || !Array.isArray(coco.annotations) || !Array.isArray(coco.categories)) {
    throw new MaskError(file, 'is not a COCO annotation file; expected {"images": [...], "annotations": [...], "categories": [...]}.');
  }
  const img = coco.images?.[0];
  if (coco.images && coco.images.length > 1) throw new MaskError(file, `holds ${coco.images.length} images; expected one COCO file a sample.`);
  if (img && img.width !== undefined && img.height !== undefined && (img.width !== width || img.height !== height)) {
    throw new MaskError(file, `image is ${img.width}x${img.height}; expected ${width}x${height} (the size of its sample).`);
  }
  const catToClass = new Map<string, number>();
  for (const cat of coco.categories) {
    const k = classes.findIndex((c) => c.name === cat.name);
    if (k < 0) throw new MaskError(file, `category "${cat.name}" (id ${cat.id}) is no class; expected one of ${classes.map((c) => c.name).join(', ')}.`);
    catToClass.set(String(cat.id), k);
  }
  const bg = classes.findIndex((c) => c.name === 'background');
  const mask = new Uint8Array(width * height).fill(bg >= 0 ? bg : IGNORE_INDEX);
  const inside = new Uint8Array(width * height);
  coco.annotations.forEach((a, ai) => {
    const k = catToClass.get(String(a.category_id));
    if (k === undefined) throw new MaskError(file, `annotation ${ai} has category_id ${a.category_id}, which is not in "categories" (ids ${coco.categories!.map((c) => c.id).join(', ')}).`);
    const seg = a.segmentation;
    if (!Array.isArray(seg) || seg.some((p) => !Array.isArray(p) || p.length < 6 || p.length % 2 || p.some((v: unknown) => typeof v !== 'number'))) {
      throw new MaskError(file, `annotation ${ai}: segmentation must be a list of polygons [[x1, y1, x2, y2, x3, y3, ...], ...]; RLE (iscrowd) masks are not supported.`);
    }
    inside.fill(0);
    _fillPolygons(seg as number[][], width, height, inside);
    for (let i = 0; i < inside.length; i++) if (inside[i]) mask[i] = k;
  });
  return mask;
}
