/** What went wrong in a {@link WorkerPool}. */
export type WorkerPoolErrorKind = 'task' | 'init' | 'crash' | 'closed';

/**
 * Raised (as a rejected promise) by {@link WorkerPool}. For `kind` `task` the message is exactly
 * the message of the error thrown by the worker module's `handle`, and `workerStack` its stack;
 * `init` means the module's `init` (or the backend) failed in a worker, `crash` that a worker
 * exited while running the task, `closed` that the pool was closed before the task ran.
 *
 * @example
 * ```ts
 * import { WorkerPoolError } from '@ganseg/runtime';
 * try { await pool.run(task); } catch (e) { if (e instanceof WorkerPoolError && e.kind === 'task') console.error(e.message); }
 * ```
 */
export class WorkerPoolError extends Error {
  override name = 'WorkerPoolError';

  /**
   * @param kind What went wrong.
   * @param message The worker's own message for `task` and `init`, else a description.
   * @param workerStack The stack trace inside the worker, when there is one.
   */
  constructor(
    readonly kind: WorkerPoolErrorKind,
    message: string,
    readonly workerStack?: string,
  ) {
    super(message);
  }
}
