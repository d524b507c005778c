import * as tf from '@tensorflow/tfjs-core';
import { initBackend, createRng } from '@ganseg/runtime';
import { createDeepLab, createTrainStep } from './dist/mod.js';
await initBackend({ backend: 'wasm' });
const W = Number(process.argv[2] ?? 0.25), S = Number(process.argv[3] ?? 65), B = Number(process.argv[4] ?? 16);
const m = createDeepLab({ numClasses: 3, backbone: process.argv[5] ?? 'resnet18', width: W });
const rng = createRng(0);
const x = rng.normalArray(B * S * S * 3); const y = Int32Array.from(rng.uniformArray(B * S * S), (u) => Math.floor(u * 3));
const step = createTrainStep(m);
await step.run(x, y, [B, S, S], 0.01);
const info = await tf.profile(async () => { await step.run(x, y, [B, S, S], 0.01); });
const agg = {}, cnt = {};
for (const k of info.kernels) { const t = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0; agg[k.name] = (agg[k.name] ?? 0) + t; cnt[k.name] = (cnt[k.name] ?? 0) + 1; }
const tot = Object.values(agg).reduce((a, b) => a + b, 0);
console.log('total kernel ms', tot.toFixed(0), 'kernels', info.kernels.length);
console.log(Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k} ${v.toFixed(1)} n=${cnt[k]}`).join('\n'));
const t0 = performance.now(); await step.run(x, y, [B, S, S], 0.01); console.log('step ms', performance.now() - t0);
