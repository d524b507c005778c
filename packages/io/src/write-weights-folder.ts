import type { NamedWeight } from './named-weight.js';
import { weightsFolderHandler, type WeightsFolderOptions } from './weights-folder-handler.js';

/**
 * Writes named float32 weights and the model's own keys into `dir` through
 * {@link weightsFolderHandler}: the `.bin` files in the given order, then `model.json`
 * (`{...meta, weightsManifest}`). Replace a whole folder by calling it inside `replaceDirectory`.
 *
 * @param dir The folder (must exist).
 * @param weights The weights, in manifest order.
 * @param meta The model's keys (format, config, classes, ...).
 * @param options Shard size or one file; model.json formatting.
 * @returns The files written, relative to `dir` (model.json first).
 * @throws TypeError when a weight's data is not a Float32Array (its bytes would be stored as float32).
 * @example
 * ```ts
 * await writeWeightsFolder(tmp, [{ name: 'b', shape: [2], data: Float32Array.of(0, 1) }], { format: 'ganseg-decoder' });
 * ```
 */
export async function writeWeightsFolder(dir: string, weights: readonly NamedWeight[], meta: Record<string, unknown>, options: WeightsFolderOptions = {}): Promise<string[]> {
  // the bytes are copied as they are: an Int32Array (what `data()` gives for an int32 tensor) would be stored garbled
  for (const w of weights) {
    if (!(w.data instanceof Float32Array)) throw new TypeError(`${dir}: weight "${w.name}" holds ${(w.data as object)?.constructor?.name ?? typeof w.data} data, expected a Float32Array; convert it with Float32Array.from.`);
  }
  const total = weights.reduce((a, w) => a + w.data.byteLength, 0);
  const data = new Uint8Array(total);
  let off = 0;
  for (const w of weights) {
    data.set(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength), off);
    off += w.data.byteLength;
  }
  const weightSpecs = weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: 'float32' as const }));
  await weightsFolderHandler(dir, options).save({ modelTopology: meta, weightSpecs, weightData: data.buffer });
  const n = options.singleFile ? 1 : Math.max(1, Math.ceil(total / (options.shardBytes ?? 4 * 1024 * 1024)));
  return ['model.json', ...(options.singleFile ? [options.singleFile] : Array.from({ length: n }, (_, i) => `group1-shard${i + 1}of${n}.bin`))];
}
