import * as tf from '@tensorflow/tfjs-core';
import type { GeneratorTransfer } from './generator-to-transfer.js';
import { StyleGAN } from './style-gan.js';

/**
 * Rebuilds, in a worker thread, a generator shipped with {@link generatorToTransfer} (strictly,
 * through `StyleGAN.fromWeights`).
 *
 * @param t What `generatorToTransfer` gave.
 * @param source A name for errors; default `'worker generator'`.
 * @returns The generator (dispose it when done).
 * @example
 * ```ts
 * import { generatorFromTransfer } from '@ganseg/stylegan';
 * export async function init(arg: { generator: GeneratorTransfer }) { gen = generatorFromTransfer(arg.generator); }
 * ```
 */
export function generatorFromTransfer(t: GeneratorTransfer, source = 'worker generator'): StyleGAN {
  const weights: Record<string, tf.Tensor> = {};
  let o = 0;
  t.names.forEach((name, i) => {
    const size = t.shapes[i].reduce((a, b) => a * b, 1);
    weights[name] = tf.tensor(t.values.subarray(o, o + size), t.shapes[i]);
    o += size;
  });
  try {
    return StyleGAN.fromWeights(t.config, weights, source);
  } finally {
    tf.dispose(Object.values(weights)); // fromWeights keeps clones
  }
}
