// The body of a feature-capture worker (a @ganseg/runtime WorkerPool module): it holds a copy of
// the generator and regenerates samples' features from their latents (regenerateFeatures), so
// capture runs on every core and the generator's forward pass grows the worker's wasm heap, not
// the training thread's.
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec } from '@ganseg/feature-hooks';
import { WorkerPool } from '@ganseg/runtime';
import { generatorFromTransfer, type GeneratorTransfer, type StyleGAN } from '@ganseg/stylegan';
import { regenerateFeatures } from './regenerate-features.js';
import type { SampleMeta } from '@ganseg/formats';

/** What every worker starts from: the generator, as stylegan ships one to a worker. */
export type _FeaturesInit = GeneratorTransfer;

/** One sample's maps (`[h, w, c]` each), as `FeatureStore.put` takes them. */
export type _FeaturesOut = { shape: [number, number, number]; data: Float32Array }[];

let _gen: StyleGAN | null = null;

/** Pool init: rebuilds the generator from its weights. */
export async function init(arg: _FeaturesInit): Promise<void> {
  _gen = generatorFromTransfer(arg);
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
