import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN, createConfig, latentFromSeed } from './dist/mod.js';
await initBackend();
const cfg = createConfig({ resolution: 256 });
const gen = StyleGAN.random(cfg, 0);
const z = tf.tensor2d(latentFromSeed(0, 512), [1, 512]);
const o0 = gen.generate({ z }); tf.dispose([o0.image, o0.wplus]);
const info = await tf.profile(() => { const o = gen.generate({ z, truncation: 0.7 }); return o.image; });
const by = {};
for (const k of info.kernels) { const t = await k.kernelTimeMs; const key = k.name; by[key] = (by[key] ?? 0) + (typeof t === 'number' ? t : 0); }
const tot = Object.values(by).reduce((a, b) => a + b, 0);
console.log('total kernel ms', tot.toFixed(0));
for (const [k, v] of Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(k, v.toFixed(0));
