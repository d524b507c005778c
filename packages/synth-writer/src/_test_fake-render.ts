import type { SynthSample } from './types.js';

/** A deterministic stand-in renderer for tests: 16x12 pairs whose content depends on the seed only. */
export async function _fakeRender(seed: number, delayMs = 0): Promise<SynthSample> {
  if (delayMs > 0) await new Promise((r) => setTimeout(r, ((seed * 7919) % 5) * delayMs));
  const width = 16;
  const height = 12;
  const image = new Uint8Array(width * height * 3);
  const mask = new Uint8Array(width * height);
  let x = (seed + 1) * 2654435761;
  for (let i = 0; i < image.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    image[i] = x >>> 24;
  }
  for (let i = 0; i < mask.length; i++) mask[i] = (i + seed) % 3 === 0 ? 1 : (i * seed) % 7 === 0 ? 255 : 0;
  const uncertainty = ((seed * 37) % 101) / 100;
  return { seed, width, height, image, mask, uncertainty };
}
