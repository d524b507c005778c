import type { Rng } from '@ganseg/runtime';
import type { SegmentationSample } from './read-segmentation-dataset.js';

/** torchvision's ImageNet normalisation. */
export const _MEAN = [0.485, 0.456, 0.406];
export const _STD = [0.229, 0.224, 0.225];

/** RGB bytes → normalised floats (NHWC order), written into `out` at `offset`. */
export function _normalize(rgb: Uint8Array, out = new Float32Array(rgb.length), offset = 0): Float32Array {
  for (let i = 0; i < rgb.length; i += 3) {
    for (let c = 0; c < 3; c++) out[offset + i + c] = (rgb[i + c] / 255 - _MEAN[c]) / _STD[c];
  }
  return out;
}

/** Augmentation settings. */
export interface _AugmentOptions {
  crop: number;
  scale: [number, number];
  flip: boolean;
  ignore: number;
}

/**
 * One augmented crop, drawn from `rng` in a fixed order (scale, top, left, flip): the image scaled
 * by s in [scale0, scale1) (bilinear, half-pixel centres; the mask by nearest neighbour), padded at
 * the bottom and right to the crop size (image 0 after normalisation, mask `ignore`), cropped at a
 * random place, mirrored with probability 1/2. Writes normalised pixels into `x` and labels into
 * `y` at sample index `k`.
 */
export function _augmentInto(s: SegmentationSample, rng: Rng, o: _AugmentOptions, x: Float32Array, y: Int32Array, k: number): void {
  const scale = o.scale[0] + (o.scale[1] - o.scale[0]) * rng.uniform();
  const H = Math.max(1, Math.round(s.height * scale));
  const W = Math.max(1, Math.round(s.width * scale));
  const y0 = Math.floor(rng.uniform() * (Math.max(H, o.crop) - o.crop + 1));
  const x0 = Math.floor(rng.uniform() * (Math.max(W, o.crop) - o.crop + 1));
  const flip = o.flip && rng.uniform() < 0.5;
  const sy = s.height / H;
  const sx = s.width / W;
  const c = o.crop;
  const xBase = k * c * c * 3;
  const yBase = k * c * c;
  for (let cy = 0; cy < c; cy++) {
    const py = y0 + cy;
    for (let cx = 0; cx < c; cx++) {
      const px = x0 + (flip ? c - 1 - cx : cx);
      const o3 = xBase + (cy * c + cx) * 3;
      const o1 = yBase + cy * c + cx;
      if (py >= H || px >= W) {
        x[o3] = 0;
        x[o3 + 1] = 0;
        x[o3 + 2] = 0;
        y[o1] = o.ignore;
        continue;
      }
      // nearest for the mask
      const my = Math.min(s.height - 1, Math.floor((py + 0.5) * sy));
      const mx = Math.min(s.width - 1, Math.floor((px + 0.5) * sx));
      y[o1] = s.mask[my * s.width + mx];
      // bilinear, half-pixel centres, edge-clamped
      const fy = Math.min(s.height - 1, Math.max(0, (py + 0.5) * sy - 0.5));
      const fx = Math.min(s.width - 1, Math.max(0, (px + 0.5) * sx - 0.5));
      const iy = Math.floor(fy);
      const ix = Math.floor(fx);
      const iy1 = Math.min(s.height - 1, iy + 1);
      const ix1 = Math.min(s.width - 1, ix + 1);
      const wy = fy - iy;
      const wx = fx - ix;
      for (let ch = 0; ch < 3; ch++) {
        const a = s.image[(iy * s.width + ix) * 3 + ch];
        const b = s.image[(iy * s.width + ix1) * 3 + ch];
        const d = s.image[(iy1 * s.width + ix) * 3 + ch];
        const e = s.image[(iy1 * s.width + ix1) * 3 + ch];
        const v = (a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy;
        x[o3 + ch] = (v / 255 - _MEAN[ch]) / _STD[ch];
      }
    }
  }
}
