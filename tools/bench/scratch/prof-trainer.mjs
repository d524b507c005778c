// scratch: per-kernel time of a StyleGAN trainer step (not committed)
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { trainStyleGAN } from '/work/main/packages/stylegan-trainer/dist/train-style-gan.js';
const wide = Number(process.argv[2] ?? 1), steps = Number(process.argv[3] ?? 6);
const info = await initBackend({ nativeThreads: 1 });
const stats = new Map();
if (process.env.COPY === '1') for (const name of ['Identity']) { const k = tf.getKernel(name, 'wasm'); tf.unregisterKernel(name, 'wasm'); tf.registerKernel({ ...k, kernelFunc: ({ inputs, backend }) => { const x = inputs.x; const out = backend.makeOutput(x.shape, x.dtype); backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(x)); return out; } }); }
let on = false;
for (const k of tf.getKernelsForBackend('wasm')) {
  const f = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, 'wasm');
  tf.registerKernel({ ...k, kernelFunc: (a) => { if (!on) return f(a); const t0 = performance.now(); const r = f(a); const dt = performance.now() - t0; const s = stats.get(k.kernelName) ?? { ms: 0, n: 0 }; s.ms += dt; s.n++; stats.set(k.kernelName, s); return r; } });
}
const R = 64;
const images = Array.from({ length: 64 }, (_, i) => { const a = new Uint8Array(R * R * 3); for (let j = 0; j < a.length; j++) a[j] = (i * 37 + j * 13) % 256; return a; });
const config = { resolution: R, latentSize: 64, dlatentSize: 64, mappingLayers: 4, mappingFmaps: 64, fmapBase: 256 * wide, fmapMax: 64 * wide };
let t = performance.now(); let n = 0; let tot = 0; let c0 = null;
await trainStyleGAN({ images, config, steps, batch: 8, r1Every: 4, seed: 0, r1Gamma: 1, workers: 1,
  onProgress: (p) => { const now = performance.now(); if (n >= 2) tot += now - t; if (n === 1) { on = true; } if (n === 2) c0 = process.cpuUsage(); n++; t = now; } });
const cu = process.cpuUsage(c0); console.log(`cpu per step ${((cu.user + cu.system) / 1000 / (steps - 2)).toFixed(1)} ms`);
const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
const sum = rows.reduce((a, r) => a + r[1].ms, 0);
const measured = steps - 2;
console.log(`wall per step ${(tot / measured).toFixed(1)} ms, kernels ${(sum / (measured + 1)).toFixed(1)} ms/step (kernels timed over ${measured + 1} steps)`);
for (const [k, s] of rows.slice(0, 30)) console.log(k.padEnd(34), (s.ms / (measured + 1)).toFixed(1).padStart(8), 'ms/step', String(Math.round(s.n / (measured + 1))).padStart(6), 'calls/step');
