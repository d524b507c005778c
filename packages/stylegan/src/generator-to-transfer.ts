import { flattenTensors } from '@ganseg/runtime';
import type { StyleGANConfig } from './create-config.js';
import type { StyleGAN } from './style-gan.js';

/**
 * A generator as it travels to a worker thread (a `WorkerPool`'s `initArg`): its config, its
 * weights' names and shapes in key order, and every value in one Float32Array (one transferable
 * buffer, no folder read again in each worker).
 */
export interface GeneratorTransfer {
  config: StyleGANConfig;
  names: string[];
  shapes: number[][];
  values: Float32Array;
}

/**
 * The one way a generator is shipped to a worker thread; {@link generatorFromTransfer} rebuilds it
 * there.
 *
 * @param gen The generator (kept; nothing is disposed).
 * @returns Its config and weights, ready to post.
 * @example
 * ```ts
 * import { generatorToTransfer } from '@ganseg/stylegan';
 * const pool = new WorkerPool({ moduleUrl, size: 4, initArg: { generator: generatorToTransfer(gen) } });
 * ```
 */
export function generatorToTransfer(gen: StyleGAN): GeneratorTransfer {
  const weights = gen.weights;
  return { config: gen.config, names: Object.keys(weights), shapes: Object.values(weights).map((t) => [...t.shape]), values: flattenTensors(weights) };
}
