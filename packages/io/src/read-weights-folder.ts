import type { NamedWeight } from './named-weight.js';
import { weightsFolderHandler } from './weights-folder-handler.js';
import { WeightsFolderError } from './weights-folder-error.js';

/**
 * Reads a weights folder through {@link weightsFolderHandler}: `model.json`'s own keys and every
 * weight as a named float32 array, in manifest order. A name listed twice is refused.
 *
 * @param dir The folder holding `model.json`.
 * @returns `model` (model.json without its manifest) and the weights.
 * @throws WeightsFolderError naming the file (and weight) for a missing file, a bad manifest or short shards.
 * @example
 * ```ts
 * const { model, weights } = await readWeightsFolder('models/gen');
 * ```
 */
export async function readWeightsFolder(dir: string): Promise<{ model: Record<string, unknown>; weights: NamedWeight[] }> {
  const art = await weightsFolderHandler(dir).load();
  const bytes = new Uint8Array(art.weightData as ArrayBuffer);
  const weights: NamedWeight[] = [];
  const seen = new Set<string>();
  let off = 0;
  for (const s of art.weightSpecs ?? []) {
    if (seen.has(s.name)) throw new WeightsFolderError(`${dir}/model.json`, 'listed twice in weightsManifest', s.name);
    seen.add(s.name);
    const n = s.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    new Uint8Array(data.buffer).set(bytes.subarray(off, off + 4 * n));
    off += 4 * n;
    weights.push({ name: s.name, shape: [...s.shape], data });
  }
  return { model: art.modelTopology as Record<string, unknown>, weights };
}
