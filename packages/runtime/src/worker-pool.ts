import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { nativeStatus } from '@ganseg/native';
import { WorkerPoolError } from './worker-pool-error.js';
import { _TRANSFER_TAG, type _FromWorker, type _ToWorker, type _Transferring, type _WorkerData } from './_worker-protocol.js';

/** Options for {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /**
   * The ES module each worker loads (a file path or a `file:` URL): it exports
   * `async handle(task)` (returns the result, structured-cloned back) and optionally
   * `async init(arg)` (called once per worker, after its backend started).
   */
  moduleUrl: string | URL;
  /** Number of workers; default `os.availableParallelism()`. */
  size?: number;
  /** Passed to the module's `init` in every worker (structured-cloned). */
  initArg?: unknown;
  /** Backend each worker starts (`wasm`, `cpu`, `tensorflow`); default: `initBackend()`'s own choice. */
  backend?: string;
  /**
   * OpenMP threads of each worker's native (oneDNN) kernels; default `GANSEG_WORKER_NATIVE_THREADS`,
   * else 1: one thread per worker is the robust choice on a machine whose cores other jobs share.
   */
  nativeThreads?: number;
}

interface _Job {
  id: number;
  task: unknown;
  transfer?: ReadonlyArray<ArrayBuffer | MessagePort>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface _Slot {
  worker: Worker;
  job: _Job | null;
  ready: boolean;
  exited: boolean;
  exitedPromise: Promise<void>;
}

/** The compiled worker body; tests run from `src/*.ts`, so they use the built one in `dist/`. */
function _entryUrl(): URL {
  const here = new URL('./_worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../dist/_worker-entry.js', import.meta.url);
}

/** The parent's Node flags, less those that only make sense for a main script (`--input-type`). */
function _workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--input-type') i++;
    else if (!argv[i].startsWith('--input-type=')) out.push(argv[i]);
  }
  return out;
}

/**
 * A pool of worker threads, each with its own TensorFlow.js backend (each worker calls
 * `initBackend` itself). wasm in Node runs on one thread, so this is how ganseg uses every core:
 * batch inference hands one task per image (or per chunk) to {@link WorkerPool.map}. Tasks wait in
 * a queue and go to the next idle worker; results come back in task order. Idle workers do not
 * keep the process alive, but call {@link WorkerPool.close} when done.
 *
 * @example
 * ```ts
 * // render-worker.js: export async function init(seed) {...}; export async function handle(task) { return out; }
 * import { WorkerPool } from '@ganseg/runtime';
 * const pool = new WorkerPool({ moduleUrl: new URL('./render-worker.js', import.meta.url), initArg: 7 });
 * const images = await pool.map([{ seed: 1 }, { seed: 2 }, { seed: 3 }]);
 * await pool.close();
 * ```
 */
export class WorkerPool {
  /** Number of workers. */
  readonly size: number;
  private readonly slots: _Slot[] = [];
  private readonly queue: _Job[] = [];
  private nextId = 0;
  private closing: Promise<void> | null = null;
  private initError: WorkerPoolError | null = null;
  private readonly readyPromise: Promise<string[]>;

  /**
   * Starts the workers (they load in the background; tasks queue meanwhile).
   *
   * @param options The worker module, pool size, init argument and backend.
   */
  constructor(options: WorkerPoolOptions) {
    const size = options.size ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
    if (!Number.isInteger(size) || size < 1) throw new WorkerPoolError('init', `WorkerPool: size must be a positive integer, found ${size}`);
    this.size = size;
    const moduleUrl =
      options.moduleUrl instanceof URL
        ? options.moduleUrl.href
        : /^[a-z][a-z0-9+.-]*:/i.test(options.moduleUrl) && !/^[a-z]:[\\/]/i.test(options.moduleUrl)
          ? options.moduleUrl
          : pathToFileURL(options.moduleUrl).href;
    // Load the oneDNN addon here first: its OpenMP settings come from this thread's environment
    // (a worker's process.env is a copy that libgomp never reads).
    nativeStatus();
    const envThreads = Number(process.env.GANSEG_WORKER_NATIVE_THREADS ?? '');
    const nativeThreads = options.nativeThreads ?? (Number.isInteger(envThreads) && envThreads > 0 ? envThreads : 1);
    const data: _WorkerData = { moduleUrl, initArg: options.initArg, backend: options.backend, nativeThreads };
    const readies: Array<Promise<string>> = [];
    for (let i = 0; i < size; i++) readies.push(this.spawn(data));
    this.readyPromise = Promise.all(readies);
    this.readyPromise.catch(() => undefined); // surfaced through ready() and the tasks
  }

  /**
   * Waits until every worker has started its backend and run `init`.
   *
   * @returns The backend each worker runs, e.g. `['wasm', 'wasm']`.
   */
  ready(): Promise<string[]> {
    return this.readyPromise;
  }

  /**
   * Runs one task on the next idle worker.
   *
   * @param task Any structured-cloneable value, passed to the module's `handle`.
   * @param transfer Buffers in `task` to move to the worker instead of copying.
   * @returns What `handle` returned; rejects with a {@link WorkerPoolError} (kind `task`) carrying
   *   the worker's message if `handle` threw.
   */
  run<R = unknown, T = unknown>(task: T, transfer?: ReadonlyArray<ArrayBuffer | MessagePort>): Promise<R> {
    if (this.closing) return Promise.reject(new WorkerPoolError('closed', 'WorkerPool: run() after close()'));
    if (this.initError) return Promise.reject(this.initError);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, transfer, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /**
   * Runs every task, spread over the workers.
   *
   * @param tasks The tasks.
   * @param transferOf Optional: the buffers of each task to move rather than copy.
   * @returns The results, in the order of `tasks`; rejects on the first task that fails.
   */
  map<R = unknown, T = unknown>(tasks: readonly T[], transferOf?: (task: T, index: number) => ReadonlyArray<ArrayBuffer | MessagePort>): Promise<R[]> {
    return Promise.all(tasks.map((t, i) => this.run<R, T>(t, transferOf?.(t, i))));
  }

  /**
   * Lets queued and running tasks finish, then stops every worker.
   *
   * @returns Resolves when all worker threads have exited.
   */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = (async () => {
        await this.drained();
        // A timer keeps the caller's event loop alive until every thread has exited (an idle,
        // unreferenced worker's exit alone would not).
        const keepAlive = setInterval(() => undefined, 1 << 30);
        try {
          for (const s of this.slots) if (!s.exited) void s.worker.terminate();
          await Promise.all(this.slots.map((s) => s.exitedPromise));
        } finally {
          clearInterval(keepAlive);
        }
      })();
    }
    return this.closing;
  }

  /** Number of worker threads that have not exited. */
  get liveWorkers(): number {
    return this.slots.filter((s) => !s.exited).length;
  }

  /**
   * Wraps a worker result so that the listed buffers move back to the main thread instead of being
   * copied. Use it inside the worker module's `handle`.
   *
   * @param value The result.
   * @param transfer Buffers inside `value` to move (they become unusable in the worker).
   * @returns A value `handle` returns; the main thread receives `value`.
   * @example
   * ```ts
   * export async function handle(task) { const out = new Float32Array(n); return WorkerPool.transfer(out, [out.buffer]); }
   * ```
   */
  static transfer<R>(value: R, transfer: ReadonlyArray<ArrayBuffer | MessagePort>): R {
    const wrapped: _Transferring<R> = { [_TRANSFER_TAG]: true, value, transfer };
    return wrapped as unknown as R;
  }

  private spawn(data: _WorkerData): Promise<string> {
    const worker = new Worker(_entryUrl(), { workerData: data, execArgv: _workerExecArgv() });
    let onExit: () => void = () => undefined;
    const exitedPromise = new Promise<void>((r) => (onExit = r));
    const slot: _Slot = { worker, job: null, ready: false, exited: false, exitedPromise };
    this.slots.push(slot);
    return new Promise<string>((resolveReady, rejectReady) => {
      worker.on('message', (m: _FromWorker) => {
        if (m.type === 'ready') {
          slot.ready = true;
          resolveReady(m.backend);
          this.dispatch();
        } else if (m.type === 'initError') {
          const err = new WorkerPoolError('init', m.message, m.stack);
          this.fail(err);
          rejectReady(err);
        } else {
          const job = slot.job;
          if (!job || job.id !== m.id) return;
          slot.job = null;
          if (m.type === 'result') job.resolve(m.value);
          else job.reject(new WorkerPoolError('task', m.message, m.stack));
          this.dispatch();
        }
      });
      worker.on('error', (e: Error) => {
        const err = new WorkerPoolError(slot.ready ? 'crash' : 'init', e.message, e.stack);
        if (slot.job) {
          slot.job.reject(err);
          slot.job = null;
        }
        if (!slot.ready) {
          this.fail(err);
          rejectReady(err);
        }
      });
      worker.on('exit', (code) => {
        slot.exited = true;
        onExit();
        if (slot.job) {
          slot.job.reject(new WorkerPoolError('crash', `WorkerPool: a worker exited (code ${code}) while running a task`));
          slot.job = null;
        }
        if (!slot.ready) rejectReady(new WorkerPoolError('init', `WorkerPool: a worker exited (code ${code}) before it was ready`));
        this.dispatch();
      });
    });
  }

  /** Gives queued tasks to idle ready workers; busy workers keep the process alive, idle ones do not. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.exited || !slot.ready) continue;
      if (!slot.job && this.queue.length) {
        const job = this.queue.shift()!;
        slot.job = job;
        const msg: _ToWorker = { type: 'task', id: job.id, task: job.task };
        try {
          slot.worker.postMessage(msg, job.transfer as never);
        } catch (e) {
          slot.job = null;
          job.reject(e);
          continue;
        }
      }
      if (slot.job) slot.worker.ref();
      else slot.worker.unref();
    }
    if (this.queue.length && this.slots.every((s) => s.exited)) {
      for (const job of this.queue.splice(0)) job.reject(new WorkerPoolError('crash', 'WorkerPool: every worker has exited'));
    }
    if (!this.queue.length && this.slots.every((s) => !s.job)) for (const w of this.waiters.splice(0)) w();
  }

  private readonly waiters: Array<() => void> = [];

  private drained(): Promise<void> {
    if (!this.queue.length && this.slots.every((s) => !s.job)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private fail(err: WorkerPoolError): void {
    if (!this.initError) this.initError = err;
    for (const job of this.queue.splice(0)) job.reject(err);
    for (const w of this.waiters.splice(0)) w();
  }
}
