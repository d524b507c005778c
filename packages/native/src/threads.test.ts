import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { nativeStatus } from './native-status.js';

const dist = fileURLToPath(new URL('../dist/mod.js', import.meta.url));
const req = createRequire(import.meta.url);

/** A worker that starts wasm, registers the native kernels with one OpenMP thread and runs a conv net step many times. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const tf = await import(workerData.tfjs);
  await import(workerData.wasm);
  const native = await import(workerData.dist);
  await tf.setBackend('wasm'); await tf.ready();
  const s = native.registerNativeKernels({ threads: 1 });
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 16 * 16 * 8 }, (_, i) => Math.sin(i)), [2, 16, 16, 8]);
  const f = tf.tensor4d(Float32Array.from({ length: 3 * 3 * 8 * 8 }, (_, i) => Math.cos(i) * 0.2), [3, 3, 8, 8]);
  let sum = 0;
  for (let r = 0; r < workerData.repeats; r++) {
    const g = tf.tidy(() => tf.grad((w) => tf.sum(tf.square(tf.conv2d(tf.relu(tf.conv2d(x, w, 1, 'same')), w, 1, 'same'))))(f));
    sum = (await g.data()).reduce((a, b) => a + b, 0);
    g.dispose();
  }
  parentPort.postMessage({ enabled: s.enabled, threads: s.threads, calls: native.nativeCallCount(), sum });
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

function runWorker(repeats: number): Promise<{ enabled: boolean; threads: number; calls: number; sum: number; error?: string }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, {
      eval: true,
      workerData: { repeats, dist, tfjs: req.resolve('@tensorflow/tfjs'), wasm: req.resolve('@tensorflow/tfjs-backend-wasm') },
    });
    w.once('message', (m) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
  });
}

describe.runIf(nativeStatus().enabled)('native kernels in worker threads', () => {
  it('two workers at once each load the addon, run natively and agree', async () => {
    expect(existsSync(dist), `${dist} is missing: build @ganseg/native first (turbo's test task does)`).toBe(true);
    const [a, b] = await Promise.all([runWorker(30), runWorker(30)]);
    expect(a.error ?? b.error).toBeUndefined();
    expect(a.enabled && b.enabled).toBe(true);
    expect(a.threads).toBe(1);
    expect(a.calls).toBeGreaterThanOrEqual(30 * 5);
    expect(b.calls).toBe(a.calls);
    expect(Number.isFinite(a.sum)).toBe(true);
    expect(b.sum).toBe(a.sum); // same kernels, same inputs, one thread each: bit-identical
  }, 60_000);
});
