#!/usr/bin/env node
// Pixels per second of ConfusionMatrix.add, one fresh process a label-array type (so each one
// measures the monomorphic loop a real caller gets). Build the package first:
//   (cd packages/metrics && npx tsc -p tsconfig.build.json) && node tools/metrics-ref/measure-add.mjs
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TYPES = { uint8: Uint8Array, uint16: Uint16Array, int32: Int32Array, float32: Float32Array, array: Array };
const [, , type, classes] = process.argv;

if (type === undefined) {
  for (const t of Object.keys(TYPES)) {
    for (const n of [21, 150]) {
      process.stdout.write(execFileSync(process.execPath, [fileURLToPath(import.meta.url), t, String(n)], { encoding: 'utf8' }));
    }
  }
} else {
  const { ConfusionMatrix } = await import(new URL('../../packages/metrics/dist/mod.js', import.meta.url).href);
  const n = Number(classes);
  const len = type === 'array' ? 1_000_000 : 4_000_000;
  const C = TYPES[type];
  const truth = C === Array ? new Array(len).fill(0) : new C(len);
  const pred = C === Array ? new Array(len).fill(0) : new C(len);
  let s = 1;
  for (let i = 0; i < len; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    truth[i] = (s >>> 8) % 100 < 8 ? 255 : (s >>> 16) % n; // 8% ignored
    pred[i] = (s >>> 20) % 3 ? truth[i] : (s >>> 4) % n;
    if (pred[i] === 255) pred[i] = 0;
  }
  const cm = new ConfusionMatrix(n);
  for (let r = 0; r < 3; r++) cm.add(pred, truth);
  // Best of 10 calls: the machine is shared, the best call is the least disturbed one.
  let best = Infinity;
  for (let r = 0; r < 10; r++) {
    const t0 = process.hrtime.bigint();
    cm.add(pred, truth);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  console.log(`${type.padEnd(8)} ${String(n).padStart(3)} classes: ${(len / best / 1e6).toFixed(0).padStart(4)} Mpixel/s (best of 10 calls on ${len} px)`);
}
