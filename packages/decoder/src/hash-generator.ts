import { createHash } from 'node:crypto';
import type { FeatureGenerator } from '@ganseg/feature-hooks';

/**
 * A short hash of a generator's weights (sha256 over sorted names, shapes and float32 values;
 * first 16 hex digits). Two generators with the same hash give the same features.
 *
 * @param gen The generator.
 * @returns 16 hex digits.
 * @example
 * ```ts
 * hashGenerator(gen); // e.g. '3f9c0a1b22d4e5f6'
 * ```
 */
export function hashGenerator(gen: Pick<FeatureGenerator, 'weights' | 'config'>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(gen.config));
  for (const name of Object.keys(gen.weights).sort()) {
    const t = gen.weights[name];
    h.update(`${name}:${t.shape.join('x')};`);
    const d = t.dataSync() as Float32Array;
    h.update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
  }
  return h.digest('hex').slice(0, 16);
}
