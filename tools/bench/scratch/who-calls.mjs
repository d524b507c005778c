import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { trainStyleGAN } from '/work/main/packages/stylegan-trainer/dist/train-style-gan.js';
const KS = (process.argv[2] ?? 'Identity').split(',');
await initBackend({ nativeThreads: 1 });
const stats = new Map(); let on = false;
Error.stackTraceLimit = 40;
for (const k of tf.getKernelsForBackend('wasm')) {
  if (!KS.includes(k.kernelName)) continue;
  const f = k.kernelFunc; tf.unregisterKernel(k.kernelName, 'wasm');
  tf.registerKernel({ ...k, kernelFunc: (a) => { if (on) { const st = new Error().stack.split('\n').slice(2).map(s=>s.trim()).filter(s=>!s.includes('kernelFunc')); const key = k.kernelName+' <- '+st.filter(s=>/work.main.packages/.test(s)).slice(0,2).map(s=>s.replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//,'').replace(/file:\/\/\/work\/main\/packages\//,'')).join(' | '); stats.set(key,(stats.get(key)??0)+1);} return f(a); } });
}
const R = 64;
const images = Array.from({ length: 64 }, (_, i) => { const a = new Uint8Array(R * R * 3); for (let j = 0; j < a.length; j++) a[j] = (i * 37 + j * 13) % 256; return a; });
const config = { resolution: R, latentSize: 64, dlatentSize: 64, mappingLayers: 4, mappingFmaps: 64, fmapBase: 256, fmapMax: 64 };
let n = 0;
await trainStyleGAN({ images, config, steps: 3, batch: 8, r1Every: 4, seed: 0, r1Gamma: 1, workers: 1, onProgress: () => { n++; on = n === 1; } });
for (const [k, c] of [...stats].sort((a,b)=>b[1]-a[1]).slice(0, 25)) console.log(c, k);
