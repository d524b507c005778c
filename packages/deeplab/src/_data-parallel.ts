import { assignFlat, builtModuleUrl, dataParallelStep, flattenTensors, WorkerPool } from '@ganseg/runtime';
import type { DeepLab } from './deep-lab.js';
import type { _ShardResult, _ShardTask } from './_train-worker.js';

/**
 * Data-parallel steps over a WorkerPool: the batch is split into one contiguous shard a worker,
 * each worker computes its shard's gradient on a replica holding the current weights (batch norm
 * on its own shard, as PyTorch's DistributedDataParallel without SyncBatchNorm), and runtime's
 * `dataParallelStep` averages gradients and running statistics (weighted by shard size); the main
 * thread applies the SGD step.
 */
export class _DataParallel {
  readonly pool: WorkerPool;
  readonly #model: DeepLab;

  constructor(model: DeepLab, workers: number, backend?: string) {
    this.#model = model;
    this.pool = new WorkerPool({ moduleUrl: builtModuleUrl(import.meta.url, '_train-worker.js'), size: workers, initArg: { config: model.config }, ...(backend ? { backend } : {}) });
  }

  /** One step; returns the loss (shard losses weighted by shard size). */
  async run(apply: (grads: Float32Array, lr: number) => Promise<void>, x: Float32Array, y: Int32Array, [b, h, w]: [number, number, number], ignore: number, lr: number): Promise<number> {
    const model = this.#model;
    const weights = flattenTensors(model.spec.map((e) => model.weights.get(e.name)!));
    const k = Math.min(this.pool.size, b);
    const tasks: _ShardTask[] = [];
    const sizes: number[] = [];
    for (let i = 0, start = 0; i < k; i++) {
      const n = Math.floor(b / k) + (i < b % k ? 1 : 0);
      tasks.push({
        weights,
        x: x.slice(start * h * w * 3, (start + n) * h * w * 3),
        y: y.slice(start * h * w, (start + n) * h * w),
        shape: [n, h, w],
        ignore,
      });
      sizes.push(n);
      start += n;
    }
    const r = await dataParallelStep<_ShardTask, _ShardResult>(tasks, { pool: this.pool, weights: sizes, transferOf: (t) => [t.x.buffer as ArrayBuffer, t.y.buffer as ArrayBuffer] });
    await apply(r.grads, lr);
    assignFlat(model.spec.filter((e) => !e.trainable).map((e) => model.weights.get(e.name)!), r.mean((s) => s.stats));
    return r.loss;
  }

  /** Stops the workers. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
