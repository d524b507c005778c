// The body of a data-parallel training worker (a @ganseg/runtime WorkerPool module): it holds a
// replica of the network, takes the main thread's current weights with every task, and returns the
// gradient of its shard of the batch and its updated batch-norm running statistics.
import * as tf from '@tensorflow/tfjs-core';
import { assignFlat, crossEntropyWithIgnore, flattenTensors, WorkerPool } from '@ganseg/runtime';
import type { DeepLabConfig } from './deeplab-config.js';
import type { DeepLab } from './deep-lab.js';
import { createDeepLab } from './create-deeplab.js';

/** A shard of one step. */
export interface _ShardTask {
  /** Every weight of the network, `deepLabWeightSpec` order, concatenated. */
  weights: Float32Array;
  x: Float32Array;
  y: Int32Array;
  shape: [number, number, number];
  ignore: number;
}

/** What a worker returns for a shard. */
export interface _ShardResult {
  loss: number;
  /** Gradients of the trainable weights, spec order, concatenated. */
  grads: Float32Array;
  /** Running statistics after this shard's update, spec order, concatenated. */
  stats: Float32Array;
}

let _model: DeepLab | null = null;

/** Pool init: builds the replica (its weights come with every task). */
export async function init(arg: { config: DeepLabConfig }): Promise<void> {
  _model = createDeepLab(arg.config);
}

/** Pool task: the gradient of one shard. */
export async function handle(task: _ShardTask): Promise<_ShardResult> {
  const model = _model!;
  assignFlat(model.spec.map((e) => model.weights.get(e.name)!), task.weights);
  const vars = model.trainableVariables();
  const [b, h, w] = task.shape;
  const x = tf.tensor4d(task.x, [b, h, w, 3]);
  const y = tf.tensor3d(task.y, [b, h, w], 'int32');
  const { value, grads } = tf.variableGrads(() => crossEntropyWithIgnore(model.forward(x, { training: true }), y, task.ignore), vars);
  const loss = (await value.data())[0];
  const g = flattenTensors(vars.map((v) => grads[v.name]));
  const s = flattenTensors(model.spec.filter((e) => !e.trainable).map((e) => model.weights.get(e.name)!));
  tf.dispose([x, y, value, grads]);
  return WorkerPool.transfer({ loss, grads: g, stats: s }, [g.buffer as ArrayBuffer, s.buffer as ArrayBuffer]);
}
