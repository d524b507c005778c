// The body of a feature-capture worker (a @ganseg/runtime WorkerPool module): it holds a copy of
// the generator and regenerates samples' features from their latents (regenerateFeatures), so
// capture runs on every core and the generator's forward pass grows the worker's wasm heap, not
// the training thread's.
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec } from '@ganseg/feature-hooks';
import { WorkerPool } from '@ganseg/runtime';
import { StyleGAN, type StyleGANConfig } from '@ganseg/stylegan';
import { regenerateFeatures } from './regenerate-features.js';
import type { SampleMeta } from '@ganseg/formats';

/** What every worker starts from: the generator's architecture and weights (key order). */
export interface _FeaturesInit {
  config: StyleGANConfig;
  names: string[];
  shapes: number[][];
  weights: Float32Array;
}

/** One sample's maps (`[h, w, c]` each), as `FeatureStore.put` takes them. */
export type _FeaturesOut = { shape: [number, number, number]; data: Float32Array }[];

let _gen: StyleGAN | null = null;

/** Pool init: rebuilds the generator from its weights. */
export async function init(arg: _FeaturesInit): Promise<void> {
  const weights: Record<string, tf.Tensor> = {};
  let o = 0;
  arg.names.forEach((n, i) => {
    const size = arg.shapes[i].reduce((a, b) => a * b, 1);
    weights[n] = tf.tensor(arg.weights.subarray(o, o + size), arg.shapes[i]);
    o += size;
  });
  _gen = StyleGAN.fromWeights(arg.config, weights);
}

/** Pool task: one sample's features. */
export async function handle(task: { meta: SampleMeta; spec: FeatureSpec }): Promise<_FeaturesOut> {
  if (!_gen) throw new Error('decoder features worker: init was not called');
  const { image, maps } = regenerateFeatures(_gen, task.meta, task.spec);
  image.dispose();
  const out: _FeaturesOut = maps.map((m) => ({ shape: m.shape.slice(1) as [number, number, number], data: m.dataSync() as Float32Array }));
  tf.dispose(maps);
  return WorkerPool.transfer(out, out.map((m) => m.data.buffer as ArrayBuffer));
}
