import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Asserts |a - b| <= atol + rtol |b| elementwise. */
export function _expectClose(a: ArrayLike<number>, b: ArrayLike<number>, atol: number, rtol = 0): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) - (atol + rtol * Math.abs(b[i]));
    if (!(e <= worst)) { worst = e; at = i; }
  }
  if (at >= 0) expect.fail(`element ${at}: ${a[at]} vs ${b[at]} (atol ${atol}, rtol ${rtol})`);
}

/** Tiny generator config for tests. */
export const _TINY = { resolution: 8, latentSize: 16, dlatentSize: 16, mappingLayers: 2, mappingFmaps: 16, fmapBase: 32, fmapMax: 16 };

/** Data of a tensor. */
export function _data(t: tf.Tensor): Float32Array {
  return t.dataSync() as Float32Array;
}
