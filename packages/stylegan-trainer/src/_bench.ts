// Measures training speed: `node dist/_bench.js [steps] [batch] [r1Every] [--workers=N] [--fast-pack]`.
// Config: resolution 64, fmapBase 256, fmapMax 64, latent 64, mapping 4 x 64 (the cars default).
// --fast-pack registers, for this process only, a Pack gradient that unstacks through a rank-3
// reshape (tfjs-wasm slices rank >= 5 tensors element by element in JS); it stands in for the
// fix of @ganseg/stylegan's _upConv (stack -> concat + reshape) until that lands.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { trainStyleGAN } from './train-style-gan.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const steps = Number(args[0] ?? 6);
const batch = Number(args[1] ?? 8);
const r1Every = Number(args[2] ?? 1);
const workers = Number(process.argv.find((a) => a.startsWith('--workers='))?.slice(10) ?? 1);
const info = await initBackend();
if (process.argv.includes('--fast-pack')) {
  tf.registerGradient({
    kernelName: 'Pack',
    saveAllInputs: true,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
      const d = dy as tf.Tensor;
      const axis = attrs.axis as number;
      const k = saved.length;
      const before = d.shape.slice(0, axis).reduce((a, b) => a * b, 1);
      const after = d.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
      const parts = tf.split(tf.reshape(d, [before, k * after]), k, 1);
      const grads: Record<number, () => tf.Tensor> = {};
      saved.forEach((x, i) => (grads[i] = () => tf.reshape(parts[i], x.shape)));
      return grads;
    },
  } as unknown as Parameters<typeof tf.registerGradient>[0]);
}
const R = 64;
const images = Array.from({ length: 64 }, (_, i) => {
  const a = new Uint8Array(R * R * 3);
  for (let j = 0; j < a.length; j++) a[j] = (i * 37 + j * 13) % 256;
  return a;
});
const config = { resolution: R, latentSize: 64, dlatentSize: 64, mappingLayers: 4, mappingFmaps: 64, fmapBase: 256, fmapMax: 64 };
const times: number[] = [];
const cpu: number[] = [];
let t = Date.now();
let c = process.cpuUsage();
await trainStyleGAN({
  images, config, steps, batch, r1Every, seed: 0, r1Gamma: 1, workers,
  onProgress: (p) => {
    const now = Date.now();
    times.push((now - t) / 1000);
    const c2 = process.cpuUsage();
    cpu.push((c2.user - c.user + c2.system - c.system) / 1e6);
    c = c2;
    t = now;
    console.log(`step ${p.step}: ${times[times.length - 1].toFixed(2)} s  D ${p.dLoss.toFixed(3)}  G ${p.gLoss.toFixed(3)}`);
  },
});
const warm = times.slice(1);
const mean = warm.reduce((a, b) => a + b, 0) / warm.length;
const cpuMean = cpu.slice(1).reduce((a, b) => a + b, 0) / (cpu.length - 1);
console.log(JSON.stringify({ backend: info.backend, batch, r1Every, workers, fastPack: process.argv.includes('--fast-pack'), secondsPerStep: +mean.toFixed(3), cpuSecondsPerStep: +cpuMean.toFixed(3), stepsPerSecond: +(1 / mean).toFixed(4), imagesPerSecond: +(batch / mean).toFixed(2) }));
