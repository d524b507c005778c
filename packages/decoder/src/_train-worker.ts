// The body of a data-parallel decoder training worker (a @ganseg/runtime WorkerPool module): it
// holds a replica of the conv decoder, takes the main thread's parameters with every image, and
// returns that image's gradient and BN statistics (_shardGrads).
import { createRng, WorkerPool } from '@ganseg/runtime';
import type { DecoderConfig } from './decoder-config.js';
import type { _Params } from './_layers.js';
import { _initConvDecoder } from './_conv-decoder.js';
import { _shardGrads, type _ShardResult, type _ShardTask } from './_shard-grads.js';

type ConvConfig = Extract<DecoderConfig, { arch: 'conv' }>;

let _config: ConvConfig | null = null;
let _params: _Params | null = null;

/** Pool init: builds the replica (its values come with every task). */
export async function init(arg: { config: ConvConfig }): Promise<void> {
  _config = arg.config;
  _params = _initConvDecoder(arg.config, createRng('replica'));
}

/** Pool task: one image's gradient. */
export async function handle(task: _ShardTask): Promise<_ShardResult> {
  if (!_config || !_params) throw new Error('decoder worker: init was not called');
  const r = _shardGrads(_params, _config, task);
  return WorkerPool.transfer(r, [r.grads.buffer as ArrayBuffer, r.stats.buffer as ArrayBuffer]) as unknown as _ShardResult;
}
