import type { CAC } from 'cac';
import os from 'node:os';
import { initBackend, registerWasmTrainingKernels } from '@ganseg/runtime';

/** `ganseg info [--json]`: the backend, tfjs version, workers, native (oneDNN) kernels, and how to get a GPU backend. */
export function registerInfo(cli: CAC): void {
  cli
    .command('info', 'Show the TensorFlow.js backend, its version, workers and GPU availability')
    .option('--json', 'Print one JSON object: {"backend", "tfjs", "workers", "gpu", "native"}')
    .action(async (opts: { json?: boolean }) => {
      const info = await initBackend();
      // The default size of a WorkerPool: one worker (one backend) per core.
      const workers = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
      const n = info.native;
      const out = { backend: info.backend, tfjs: info.tfjs, workers, gpu: info.gpu, native: n };
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const kernels = registerWasmTrainingKernels();
      process.stdout.write(
        [
          `backend  ${info.backend} (${info.reason})`,
          `tfjs     ${info.tfjs}`,
          `workers  ${workers} (one backend per worker thread)`,
          `gpu      ${info.gpu ? 'yes (@tensorflow/tfjs-node-gpu)' : 'no'}`,
          n.enabled
            ? `native   oneDNN ${n.onednn} (${n.isa}, ${n.runtime}, ${n.threads} threads here, 1 per worker): ${n.kernels.join(', ')}`
            : `native   no: ${n.reason}`,
          ...(info.backend === 'wasm' ? [`kernels  ${kernels.length} added for training on wasm: ${kernels.join(', ')}`] : []),
          ...(info.gpu
            ? []
            : ['', 'For a CUDA GPU: `pnpm add -w @tensorflow/tfjs-node-gpu` (or `npm i @tensorflow/tfjs-node-gpu`)', 'in the project that runs ganseg; it is picked up automatically.']),
        ].join('\n') + '\n',
      );
    });
}
