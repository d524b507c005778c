// The body of a data-parallel StyleGAN training worker (a @ganseg/runtime WorkerPool module): it
// holds replicas of G and D, takes the main thread's weights with every task, and returns the D
// or G gradient of its shard of the batch.
import * as tf from '@tensorflow/tfjs-core';
import { assignFlat, WorkerPool } from '@ganseg/runtime';
import { StyleGAN, type StyleGANConfig } from '@ganseg/stylegan';
import { Discriminator } from './discriminator.js';
import type { DiscriminatorConfig } from './discriminator-spec.js';
import { _dShard, _gShard, type _DTask, type _GTask, type _ShardOut } from './_shard-steps.js';

let _cfg: StyleGANConfig | null = null;
let _G: Record<string, tf.Variable> = {};
let _gTrain: tf.Variable[] = [];
let _D: Discriminator | null = null;

/** Pool init: builds the replicas (their weights come with every task). */
export async function init(arg: { config: StyleGANConfig; dConfig: DiscriminatorConfig; trainable: string[] }): Promise<void> {
  _cfg = arg.config;
  const g = StyleGAN.random(arg.config, 0);
  const trainable = new Set(arg.trainable);
  for (const [n, t] of Object.entries(g.weights)) _G[n] = tf.variable(t, trainable.has(n), `worker/G/${n}`);
  g.dispose();
  _gTrain = arg.trainable.map((n) => _G[n]);
  _D = Discriminator.random(arg.dConfig, 0, 'worker/D');
}

/** Pool task: one shard's D or G gradient. */
export async function handle(task: _DTask | _GTask): Promise<_ShardOut> {
  if (!_cfg || !_D) throw new Error('stylegan-trainer worker: init was not called');
  assignFlat(_G, task.g);
  assignFlat(_D.weights, task.d);
  const out = task.kind === 'D' ? _dShard(_cfg, _G, _D, task) : _gShard(_cfg, _G, _gTrain, _D, task);
  return WorkerPool.transfer(out, [out.grads.buffer as ArrayBuffer]);
}
