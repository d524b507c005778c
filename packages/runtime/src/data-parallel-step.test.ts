import { describe, expect, it } from 'vitest';
import { dataParallelStep, type ShardGradients } from './data-parallel-step.js';

interface Out extends ShardGradients { stats: Float32Array; id: number }

describe('dataParallelStep', () => {
  it('weights each shard by its share of the batch, keeps task order, averages any array', async () => {
    const tasks = [{ id: 0, n: 3 }, { id: 1, n: 1 }];
    const local = async (t: { id: number; n: number }): Promise<Out> => ({
      id: t.id, loss: t.id ? 4 : 2, grads: Float32Array.of(t.id ? 8 : 4, 1), stats: Float32Array.of(t.id),
    });
    const r = await dataParallelStep<{ id: number; n: number }, Out>(tasks, { local, weights: tasks.map((t) => t.n) });
    expect(r.results.map((x) => x.id)).toEqual([0, 1]);
    expect(r.loss).toBeCloseTo(0.75 * 2 + 0.25 * 4, 12);
    expect(Array.from(r.grads)).toEqual([5, 1]);
    expect(Array.from(r.mean((x) => x.stats))).toEqual([0.25]);
    const eq = await dataParallelStep<{ id: number; n: number }, Out>(tasks, { local });
    expect(eq.loss).toBe(3);
  });

  it('refuses no shards, no way to run them, and shards of different sizes', async () => {
    await expect(dataParallelStep([], { local: () => ({ loss: 0, grads: new Float32Array(1) }) })).rejects.toThrow(/no shards/);
    await expect(dataParallelStep([1], {})).rejects.toThrow(/neither a pool nor a local/);
    await expect(dataParallelStep([1, 2], { local: (t) => ({ loss: 0, grads: new Float32Array(t) }) })).rejects.toThrow(/shard 1 returned 2 values, shard 0 1/);
  });
});
