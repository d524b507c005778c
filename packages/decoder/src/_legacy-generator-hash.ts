import { createHash } from 'node:crypto';
import type { FeatureGenerator } from '@ganseg/feature-hooks';

/**
 * The generator hash sample records held before io's `hashWeights` (sha256 over the config JSON,
 * then the weights in name order; 16 hex digits), so workspaces sampled before still train.
 */
export function _legacyGeneratorHash(gen: Pick<FeatureGenerator, 'weights' | 'config'>): string {
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
