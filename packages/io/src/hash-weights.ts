import { createHash } from 'node:crypto';
import type { NamedWeight } from './named-weight.js';

/**
 * The one hash of a set of weights (a generator, a decoder, a teacher): sha256 over the weights in
 * name order, each as `name:shape;` and its float32 bytes; the first 16 hex digits. The same
 * weights give the same hash in memory and on disk, whatever the shard layout
 * ({@link hashWeightsFolder}).
 *
 * @param weights The named weights (any order).
 * @returns 16 hex digits.
 * @example
 * ```ts
 * hashWeights([{ name: 'b', shape: [2], data: Float32Array.of(0, 1) }]); // 16 hex digits
 * ```
 */
export function hashWeights(weights: readonly NamedWeight[]): string {
  const h = createHash('sha256');
  for (const w of [...weights].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    h.update(`${w.name}:${w.shape.join('x')};`);
    h.update(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));
  }
  return h.digest('hex').slice(0, 16);
}
