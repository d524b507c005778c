// Measures training speed: `node dist/_bench.js [steps] [batch] [r1Every] [--workers=N] [--wide=K] [--kernels]`
// (`pnpm bench` runs `80 8 4`: the native-kernels issue's config, 80 steps of batch 8, R1 every 4).
// --kernels: also counts and times the kernel calls of the steps after the first (one process).
// Config: resolution 64, fmapBase 256, fmapMax 64, latent 64, mapping 4 x 64 (the cars default);
// --wide=K multiplies fmapBase and fmapMax by K (K = 4: 32-64 channels at 64 and 32 px).
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { trainStyleGAN } from './train-style-gan.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const steps = Number(args[0] ?? 6);
const batch = Number(args[1] ?? 8);
const r1Every = Number(args[2] ?? 1);
const workers = Number(process.argv.find((a) => a.startsWith('--workers='))?.slice(10) ?? 1);
const wide = Number(process.argv.find((a) => a.startsWith('--wide='))?.slice(7) ?? 1);
const info = await initBackend();
const kernelStats = new Map<string, { ms: number; calls: number }>();
let counting = false;
if (process.argv.includes('--kernels')) {
  for (const k of tf.getKernelsForBackend(tf.getBackend())) {
    const f = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, k.backendName);
    const timed: tf.KernelFunc = (a) => {
        if (!counting) return f(a);
        const t0 = performance.now();
        const r = f(a);
        const s = kernelStats.get(k.kernelName) ?? { ms: 0, calls: 0 };
        s.ms += performance.now() - t0;
        s.calls++;
        kernelStats.set(k.kernelName, s);
        return r;
    };
    // keep @ganseg/native's mark, so that code asking whether the native kernels run still sees them
    for (const sym of Object.getOwnPropertySymbols(f)) (timed as unknown as Record<symbol, unknown>)[sym] = (f as unknown as Record<symbol, unknown>)[sym];
    tf.registerKernel({ ...k, kernelFunc: timed });
  }
}
const R = 64;
const images = Array.from({ length: 64 }, (_, i) => {
  const a = new Uint8Array(R * R * 3);
  for (let j = 0; j < a.length; j++) a[j] = (i * 37 + j * 13) % 256;
  return a;
});
const config = { resolution: R, latentSize: 64, dlatentSize: 64, mappingLayers: 4, mappingFmaps: 64, fmapBase: 256 * wide, fmapMax: 64 * wide };
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
    counting = true;
    console.log(`step ${p.step}: ${times[times.length - 1].toFixed(2)} s  D ${p.dLoss.toFixed(3)}  G ${p.gLoss.toFixed(3)}`);
  },
});
const warm = times.slice(1);
const mean = warm.reduce((a, b) => a + b, 0) / warm.length;
const cpuMean = cpu.slice(1).reduce((a, b) => a + b, 0) / (cpu.length - 1);
console.log(JSON.stringify({ backend: info.native.enabled ? 'wasm+onednn' : info.backend, wide, batch, r1Every, workers, secondsPerStep: +mean.toFixed(3), cpuSecondsPerStep: +cpuMean.toFixed(3), stepsPerSecond: +(1 / mean).toFixed(4), imagesPerSecond: +(batch / mean).toFixed(2) }));
if (kernelStats.size > 0) {
  const counted = steps - 1;
  const rows = [...kernelStats].sort((a, b) => b[1].ms - a[1].ms);
  const calls = rows.reduce((a, [, v]) => a + v.calls, 0) / counted;
  const ms = rows.reduce((a, [, v]) => a + v.ms, 0) / counted;
  console.log(JSON.stringify({ kernelCallsPerStep: Math.round(calls), kernelMsPerStep: +ms.toFixed(1), top: rows.slice(0, 40).map(([name, v]) => ({ name, calls: Math.round(v.calls / counted), ms: +(v.ms / counted).toFixed(2) })) }));
}
