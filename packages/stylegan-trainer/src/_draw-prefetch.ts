import { builtModuleUrl, WorkerPool } from '@ganseg/runtime';
import { _drawArrays, type _DrawSpec, type _DrawTag } from './_step-draws.js';
import type { _Draws } from './_shard-steps.js';

/**
 * The training steps' draws, made ahead on a worker thread: drawing the noise in JavaScript (a
 * Box-Muller pair a pixel and layer, 175,000 numbers a step at 64 px, batch 8) took 5-6 % of a
 * step on the main thread, and the second core is idle while one process trains on one OpenMP
 * thread. The numbers are `_drawArrays`' (the same function runs in the worker), so training with
 * or without prefetching gives the same weights. Steps are asked for in order D, G, D, G, ...;
 * `get` also queues the next `ahead`. Until the worker has started (and if it cannot start) the
 * draws are made in place.
 *
 * @example
 * ```ts
 * const draws = new _DrawPrefetch(spec);
 * try { const d = await draws.get(0, 'D'); } finally { await draws.close(); }
 * ```
 */
export class _DrawPrefetch {
  private readonly pool: WorkerPool | null;
  private readonly pending = new Map<number, Promise<_Draws>>();
  private ready = false;
  /** How many draws came from the worker and how many were made in place. */
  readonly served = { worker: 0, inPlace: 0 };

  /**
   * @param spec What the draws depend on.
   * @param ahead How many draws to queue beyond the one asked for (0: no worker, drawn in place).
   */
  constructor(
    private readonly spec: _DrawSpec,
    private readonly ahead = 2,
  ) {
    this.pool = ahead > 0 ? new WorkerPool({ moduleUrl: builtModuleUrl(import.meta.url, '_draw-worker.js'), size: 1, backend: 'cpu', initArg: spec }) : null;
    this.pool?.ready().then(
      () => (this.ready = true),
      () => undefined, // surfaced by the first draw asked of the worker
    );
  }

  /** Step `k`'s draws for `tag`; drawn here while the worker starts (under a second). */
  async get(k: number, tag: _DrawTag): Promise<_Draws> {
    if (!this.pool) return _drawArrays(this.spec, k, tag);
    const index = 2 * k + (tag === 'G' ? 1 : 0);
    for (const i of this.pending.keys()) if (i < index) this.pending.delete(i); // skipped (a resumed run)
    for (let i = index + 1; i <= index + this.ahead; i++) {
      if (!this.pending.has(i)) {
        const p = this.pool.run<_Draws>({ k: i >> 1, tag: i & 1 ? 'G' : 'D' });
        p.catch(() => undefined); // surfaced by the get that awaits it
        this.pending.set(i, p);
      }
    }
    // a turn of the event loop, so that the worker's "ready" message gets through (a training
    // loop's awaits are otherwise all microtasks)
    if (!this.ready) await new Promise<void>((resolve) => setImmediate(resolve));
    const p = this.pending.get(index);
    this.pending.delete(index);
    if (p && this.ready) {
      this.served.worker++;
      return p;
    }
    this.served.inPlace++;
    return _drawArrays(this.spec, k, tag);
  }

  /** Resolves when the worker has started (true), or could not (false). */
  async started(): Promise<boolean> {
    if (!this.pool) return false;
    return this.pool.ready().then(
      () => true,
      () => false,
    );
  }

  /** Stops the worker (queued draws are dropped). */
  async close(): Promise<void> {
    this.pending.clear();
    await this.pool?.close();
  }
}
