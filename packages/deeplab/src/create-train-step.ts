import * as tf from '@tensorflow/tfjs-core';
import { crossEntropyWithIgnore, SgdMomentumOptimizer } from '@ganseg/runtime';
import type { DeepLab } from './deep-lab.js';
import { _DataParallel } from './_data-parallel.js';
import { IGNORE_INDEX } from '@ganseg/formats';

/** Options of {@link createTrainStep}. */
export interface TrainStepOptions {
  /** Weight decay, added to the gradient (PyTorch's SGD); default 1e-4. */
  wd?: number;
  /** Momentum; default 0.9. */
  momentum?: number;
  /** Ignore label; default 255. */
  ignore?: number;
  /** Momentum buffers to start from (all trainable variables concatenated, in spec order). */
  momentumInit?: Float32Array;
  /**
   * Worker threads for data-parallel steps (default 1: this thread). With k > 1 each step splits
   * the batch into k contiguous shards, each worker (a wasm backend of its own, a replica holding
   * the current weights) computes its shard's gradient with batch norm over its shard (as PyTorch's
   * DistributedDataParallel without SyncBatchNorm), and this thread averages the gradients and
   * running statistics (weighted by shard size) and takes the SGD step.
   */
  workers?: number;
}

/** One SGD training step on a DeepLab, with its momentum buffers. */
export interface TrainStep {
  /**
   * Forward in training mode (batch statistics, running-statistics update), cross-entropy,
   * backward, and `buf = m * buf + (g + wd * w); w -= lr * buf`.
   * @param x Normalised images, NHWC, `n*h*w*3`.
   * @param y Labels, `n*h*w` (ignore label where unlabelled).
   * @param shape `[n, h, w]`.
   * @param lr This step's learning rate.
   * @returns The loss before the update.
   */
  run(x: Float32Array, y: Int32Array, shape: [number, number, number], lr: number): Promise<number>;
  /**
   * The SGD update alone, from gradients computed elsewhere (data-parallel workers).
   * @param grads Gradients of the trainable variables, spec order, concatenated.
   * @param lr This step's learning rate.
   */
  apply(grads: Float32Array, lr: number): Promise<void>;
  /** The momentum buffers, one per trainable variable. */
  readonly momentum: tf.Variable[];
  /** The momentum buffers concatenated (for a checkpoint). */
  momentumData(): Promise<Float32Array>;
  /** Frees the momentum buffers (not the model) and stops the workers. */
  dispose(): Promise<void>;
}

/**
 * The training step `trainDeepLab` runs, for callers that bring their own data loop (benchmarks,
 * experiments): SGD with momentum and weight decay in PyTorch's form on the cross-entropy with
 * ignore label.
 *
 * @param model The network to train.
 * @param options Weight decay, momentum, ignore label, momentum buffers to resume from.
 * @returns The step and its state.
 * @example
 * ```ts
 * const step = createTrainStep(model, { wd: 1e-4 });
 * const loss = await step.run(x, y, [4, 65, 65], 0.01);
 * await step.dispose();
 * ```
 */
export function createTrainStep(model: DeepLab, options: TrainStepOptions = {}): TrainStep {
  const wd = options.wd ?? 1e-4;
  const m = options.momentum ?? 0.9;
  const ignore = options.ignore ?? IGNORE_INDEX;
  const vars = model.trainableVariables();
  // PyTorch's rule (g + wd w; buf = m buf + g; w -= lr buf), one fused pass a weight under @ganseg/native
  const optimizer = new SgdMomentumOptimizer(0.01, m, wd);
  let off = 0;
  const momentum = vars.map((v) => {
    const init = options.momentumInit ? options.momentumInit.subarray(off, off + v.size) : undefined;
    if (init && init.length !== v.size) throw new Error(`createTrainStep: momentumInit holds ${options.momentumInit?.length} values, the model needs more.`);
    off += v.size;
    return optimizer.buffer(v, init);
  });
  if (options.momentumInit && off !== options.momentumInit.length) {
    optimizer.dispose();
    throw new Error(`createTrainStep: momentumInit holds ${options.momentumInit.length} values, the model has ${off}.`);
  }
  const total = off;
  const _update = (grads: tf.Tensor[], lr: number): void => {
    optimizer.setLearningRate(lr);
    tf.tidy(() => optimizer.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, grads[i]]))));
  };
  const parallel = (options.workers ?? 1) > 1 ? new _DataParallel(model, Math.floor(options.workers!)) : null;
  const self: TrainStep = {
    momentum,
    async run(xData, yData, [b, h, w], lr) {
      if (parallel) return parallel.run(self.apply, xData, yData, [b, h, w], ignore, lr);
      const x = tf.tensor4d(xData, [b, h, w, 3]);
      const y = tf.tensor3d(yData, [b, h, w], 'int32');
      const { value, grads } = tf.variableGrads(() => crossEntropyWithIgnore(model.forward(x, { training: true }), y, ignore), vars);
      _update(vars.map((v) => grads[v.name]), lr);
      const loss = (await value.data())[0];
      tf.dispose([x, y, value, grads]);
      return loss;
    },
    async apply(grads, lr) {
      if (grads.length !== total) throw new Error(`TrainStep.apply: ${grads.length} gradient values, the model has ${total}.`);
      let o = 0;
      const gs = vars.map((v) => {
        const t = tf.tensor(grads.subarray(o, o + v.size), v.shape);
        o += v.size;
        return t;
      });
      _update(gs, lr);
      tf.dispose(gs);
    },
    async momentumData() {
      const parts = await Promise.all(momentum.map((t) => t.data() as Promise<Float32Array>));
      const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
      let o = 0;
      for (const p of parts) {
        out.set(p, o);
        o += p.length;
      }
      return out;
    },
    async dispose() {
      optimizer.dispose();
      await parallel?.close();
    },
  };
  return self;
}
