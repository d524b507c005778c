import type { WorkerPool } from './worker-pool.js';

/** What each shard of a {@link dataParallelStep} gives back: at least its loss and its gradient. */
export interface ShardGradients {
  loss: number;
  /** The gradient of the trainable weights, in the trainer's order, concatenated. */
  grads: Float32Array;
}

/** Options of {@link dataParallelStep}. */
export interface DataParallelOptions<T> {
  /** Runs the shards on its workers (one task each); absent: `local`, one shard after the other here. */
  pool?: WorkerPool | null;
  /** Computes one shard in this thread (used without a pool). */
  local?: (task: T) => ShardGradients | Promise<ShardGradients>;
  /** Each shard's weight in the averages (its number of images); default equal weights. */
  weights?: readonly number[];
  /** Buffers to move to a worker rather than copy (a shard's images). */
  transferOf?: (task: T, index: number) => ReadonlyArray<ArrayBuffer>;
}

/** What a {@link dataParallelStep} gives back: every shard's result and their weighted averages. */
export interface DataParallelResult<R extends ShardGradients> {
  /** The shards' results, in task order. */
  results: R[];
  /** The weighted mean of the shard losses. */
  loss: number;
  /** The weighted mean of the shard gradients: the full batch's gradient. */
  grads: Float32Array;
  /** The weighted mean of another array every shard returns (batch-norm statistics, mean w). */
  mean(pick: (r: R) => Float32Array): Float32Array;
}

/**
 * The data-parallel part of a training step, shared by every trainer (DeepLabV3+, the decoder,
 * the StyleGAN trainer): each shard of the batch (a task carrying the current weights and its
 * slice of the data) is computed on a worker of `pool` (or here, one after the other), and the
 * shard losses, gradients and any other arrays are averaged with weight `w_i / sum(w)` (the shard's
 * share of the batch), in task order, so that the result does not depend on which worker finished
 * first. The caller applies the optimiser step.
 *
 * @param tasks One task a shard.
 * @param options The pool (or the local function), the shard weights, the transfer lists.
 * @returns The shard results and their weighted averages.
 * @example
 * ```ts
 * const step = await dataParallelStep(tasks, { pool, local: (t) => shardGrads(model, t), weights: sizes });
 * optimizer.applyGradients(unflatten(step.grads));
 * assignFlat(runningStats, step.mean((r) => r.stats));
 * ```
 */
export async function dataParallelStep<T, R extends ShardGradients = ShardGradients>(tasks: readonly T[], options: DataParallelOptions<T>): Promise<DataParallelResult<R>> {
  if (tasks.length === 0) throw new RangeError('dataParallelStep: no shards');
  let results: R[];
  if (options.pool) results = await options.pool.map<R, T>(tasks, options.transferOf);
  else if (options.local) {
    results = [];
    for (const t of tasks) results.push((await options.local(t)) as R);
  } else throw new RangeError('dataParallelStep: neither a pool nor a local function');
  const w = options.weights ?? tasks.map(() => 1);
  if (w.length !== tasks.length) throw new RangeError(`dataParallelStep: ${w.length} weights for ${tasks.length} shards`);
  const total = w.reduce((a, b) => a + b, 0);
  const f = w.map((x) => x / total);
  const mean = (pick: (r: R) => Float32Array): Float32Array => {
    const out = new Float32Array(pick(results[0]).length);
    results.forEach((r, i) => {
      const a = pick(r);
      if (a.length !== out.length) throw new RangeError(`dataParallelStep: shard ${i} returned ${a.length} values, shard 0 ${out.length}`);
      for (let j = 0; j < out.length; j++) out[j] += f[i] * a[j];
    });
    return out;
  };
  let loss = 0;
  results.forEach((r, i) => { loss += f[i] * r.loss; });
  return { results, loss, grads: mean((r) => r.grads), mean };
}
