import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import { atomicWriteFile } from './atomic-write-file.js';
import { WeightsFolderError } from './weights-folder-error.js';

/** Options of {@link weightsFolderHandler}. */
export interface WeightsFolderOptions {
  /** Shard size in bytes (default 4 MiB, tfjs's): `group1-shard{i}of{n}.bin`. */
  shardBytes?: number;
  /** Write all weights to this one file instead of shards (e.g. `weights.bin`). */
  singleFile?: string;
  /** Indentation of model.json (default 1) and whether it ends in a newline (default true). */
  indent?: number;
  finalNewline?: boolean;
}

/**
 * The tf.io handler of a ganseg weights folder, the one reader and writer of the layout every
 * package uses: `model.json` (the model's own keys, from `modelTopology`, plus a tfjs
 * `weightsManifest`) beside float32 `.bin` files. `save` writes the weights first, then
 * `model.json`, each file atomically (callers replace whole folders with `replaceDirectory`);
 * `load` concatenates every group's files and returns `modelTopology` (model.json without the
 * manifest), `weightSpecs` and `weightData`.
 *
 * @param dir The folder (must exist for `save`).
 * @param options Shard size or one file; model.json formatting.
 * @returns A tf.io IOHandler with `save` and `load`.
 * @example
 * ```ts
 * const { weightSpecs, weightData } = await weightsFolderHandler('models/gen').load();
 * ```
 */
export function weightsFolderHandler(dir: string, options: WeightsFolderOptions = {}): Required<Pick<io.IOHandler, 'save' | 'load'>> {
  const modelFile = path.join(dir, 'model.json');
  return {
    async save(artifacts: io.ModelArtifacts): Promise<io.SaveResult> {
      const data = new Uint8Array(artifacts.weightData as ArrayBuffer);
      const total = data.byteLength;
      let paths: string[];
      if (options.singleFile) {
        paths = [options.singleFile];
        await atomicWriteFile(path.join(dir, options.singleFile), data);
      } else {
        const shard = options.shardBytes ?? 4 * 1024 * 1024;
        const n = Math.max(1, Math.ceil(total / shard));
        paths = Array.from({ length: n }, (_, i) => `group1-shard${i + 1}of${n}.bin`);
        for (let i = 0; i < n; i++) await atomicWriteFile(path.join(dir, paths[i]), data.subarray(i * shard, Math.min(total, (i + 1) * shard)));
      }
      const model = { ...(artifacts.modelTopology as Record<string, unknown>), weightsManifest: [{ paths, weights: artifacts.weightSpecs ?? [] }] };
      const text = JSON.stringify(model, null, options.indent ?? 1) + (options.finalNewline === false ? '' : '\n');
      await atomicWriteFile(modelFile, text);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: total } };
    },
    async load(): Promise<io.ModelArtifacts> {
      let model: { weightsManifest?: unknown; [k: string]: unknown };
      try {
        model = JSON.parse(await fs.readFile(modelFile, 'utf8'));
      } catch (e) {
        throw new WeightsFolderError(modelFile, `cannot read (${(e as Error).message}); expected a weights folder with model.json`);
      }
      if (!Array.isArray(model.weightsManifest)) throw new WeightsFolderError(modelFile, 'no "weightsManifest" array');
      const specs: io.WeightsManifestEntry[] = [];
      const bufs: Buffer[] = [];
      for (const group of model.weightsManifest as { paths?: unknown; weights?: unknown }[]) {
        if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) throw new WeightsFolderError(modelFile, 'a weightsManifest group lacks "paths" or "weights"');
        const gb: Buffer[] = [];
        for (const p of group.paths as string[]) {
          const f = path.join(dir, String(p));
          try {
            gb.push(await fs.readFile(f));
          } catch (e) {
            throw new WeightsFolderError(f, `cannot read shard (${(e as Error).message})`);
          }
        }
        const bytes = gb.reduce((a, b) => a + b.byteLength, 0);
        const shardName = path.join(dir, String((group.paths as string[])[0] ?? ''));
        let need = 0;
        for (const w of group.weights as io.WeightsManifestEntry[]) {
          if ((w.dtype ?? 'float32') !== 'float32') throw new WeightsFolderError(modelFile, `dtype ${w.dtype} is not supported, expected float32`, w.name);
          if (!Array.isArray(w.shape) || w.shape.some((d) => !Number.isInteger(d) || d < 0)) throw new WeightsFolderError(modelFile, `bad shape ${JSON.stringify(w.shape)}`, w.name);
          const n = 4 * w.shape.reduce((a, b) => a * b, 1);
          if (need + n > bytes) throw new WeightsFolderError(shardName, `shards end at byte ${bytes}, weight needs bytes ${need}..${need + n}`, w.name);
          need += n;
          specs.push({ name: w.name, shape: w.shape, dtype: 'float32' });
        }
        if (need !== bytes) throw new WeightsFolderError(shardName, `shards hold ${bytes} bytes, the manifest lists ${need}`);
        bufs.push(...gb);
      }
      const all = Buffer.concat(bufs);
      const { weightsManifest: _m, ...topology } = model;
      return { modelTopology: topology, weightSpecs: specs, weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) };
    },
  };
}
