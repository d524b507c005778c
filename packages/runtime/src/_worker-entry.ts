// The body of every WorkerPool thread: start a backend of its own, load the caller's module, call
// its init once, then answer tasks with its handle, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from './init-backend.js';
import { _isTransferring, type _FromWorker, type _ToWorker, type _WorkerData } from './_worker-protocol.js';

interface _TaskModule {
  init?: (arg: unknown) => unknown;
  handle: (task: unknown) => unknown;
}

const port = parentPort!;
const data = workerData as _WorkerData;
const post = (m: _FromWorker, transfer?: ReadonlyArray<ArrayBuffer | MessagePort>): void => port.postMessage(m, transfer as never);

function _errorParts(e: unknown): { message: string; stack?: string } {
  if (e instanceof Error) return { message: e.message, stack: e.stack };
  return { message: String(e) };
}

async function _main(): Promise<void> {
  let mod: _TaskModule;
  try {
    const info = await initBackend({ ...(data.backend ? { backend: data.backend } : {}), nativeThreads: data.nativeThreads });
    mod = (await import(data.moduleUrl)) as _TaskModule;
    if (typeof mod.handle !== 'function') throw new Error(`${data.moduleUrl} does not export a function "handle(task)"`);
    if (typeof mod.init === 'function') await mod.init(data.initArg);
    post({ type: 'ready', backend: info.backend });
  } catch (e) {
    post({ type: 'initError', ..._errorParts(e) });
    return;
  }
  port.on('message', async (m: _ToWorker) => {
    if (m.type === 'close') {
      port.close();
      return;
    }
    try {
      const out = await mod.handle(m.task);
      if (_isTransferring(out)) post({ type: 'result', id: m.id, value: out.value }, out.transfer);
      else post({ type: 'result', id: m.id, value: out });
    } catch (e) {
      post({ type: 'error', id: m.id, ..._errorParts(e) });
    }
  });
}

void _main();
