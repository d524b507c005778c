import { encodePng } from '@ganseg/io';
import { carClasses } from './car-classes.js';
import type { CarVariant } from './car-classes.js';
import { renderScene } from './render-scene.js';
import type { SceneLayout } from './render-scene.js';

/** Options of {@link renderPreviewGrid}. */
export interface PreviewGridOptions {
  size?: number;
  variant?: CarVariant;
  /** What the camera frames (default `street`). */
  layout?: SceneLayout;
  /** Scenes a row (default 8). */
  cols?: number;
  /** Pixel gap between tiles (default 2). */
  gap?: number;
}

/**
 * A PNG sheet of scenes, each drawn as its image with its colourised mask to the right, for
 * looking at the domain.
 *
 * @param seeds The scenes to draw.
 * @param opts Size, variant, layout, columns and gap.
 * @returns The PNG bytes.
 * @example
 * ```ts
 * await fs.writeFile('grid.png', renderPreviewGrid([0, 1, 2, 3], { variant: 'multi', layout: 'car-centric' }));
 * ```
 */
export function renderPreviewGrid(seeds: readonly number[], opts: PreviewGridOptions = {}): Buffer {
  const size = opts.size ?? 64;
  const variant = opts.variant ?? 'multi';
  const cols = opts.cols ?? 8;
  const gap = opts.gap ?? 2;
  const palette = carClasses(variant).classes.map((c) => c.color);
  const rows = Math.ceil(seeds.length / cols);
  const tw = 2 * size + gap;
  const W = cols * (tw + gap) + gap;
  const H = rows * (size + gap) + gap;
  const out = new Uint8Array(W * H * 3).fill(255);
  seeds.forEach((seed, k) => {
    const { image, mask } = renderScene(seed, { size, variant, layout: opts.layout });
    const ox = gap + (k % cols) * (tw + gap);
    const oy = gap + Math.floor(k / cols) * (size + gap);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = y * size + x;
        const a = 3 * ((oy + y) * W + ox + x);
        out[a] = image[3 * i]; out[a + 1] = image[3 * i + 1]; out[a + 2] = image[3 * i + 2];
        const c = palette[mask[i]] ?? [255, 255, 255];
        const b = a + 3 * (size + gap);
        out[b] = c[0]; out[b + 1] = c[1]; out[b + 2] = c[2];
      }
    }
  });
  return encodePng({ data: out, width: W, height: H, channels: 3 });
}
