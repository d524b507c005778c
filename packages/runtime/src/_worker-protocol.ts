/** Marks a worker result that carries a transfer list (see `WorkerPool.transfer`). */
export const _TRANSFER_TAG = '__gansegTransfer';

/** A result with the buffers to move, not copy, back to the main thread. */
export interface _Transferring<R> {
  [_TRANSFER_TAG]: true;
  value: R;
  transfer: ReadonlyArray<ArrayBuffer | MessagePort>;
}

/** What the pool passes to each worker as `workerData`. */
export interface _WorkerData {
  moduleUrl: string;
  initArg: unknown;
  backend?: string;
  nativeThreads: number;
}

/** Worker -> main messages. */
export type _FromWorker =
  | { type: 'ready'; backend: string }
  | { type: 'initError'; message: string; stack?: string }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string; stack?: string };

/** Main -> worker messages. */
export type _ToWorker = { type: 'task'; id: number; task: unknown } | { type: 'close' };

export function _isTransferring(v: unknown): v is _Transferring<unknown> {
  return typeof v === 'object' && v !== null && (v as Record<string, unknown>)[_TRANSFER_TAG] === true;
}
