import { dropoutMask } from '@ganseg/native';

/** Masks from this many elements are drawn by @ganseg/native (below, the call costs more than it saves). */
const _NATIVE_MASK_MIN = 4096;

/** A seeded stream of random numbers, identical on every backend and platform. */
export interface Rng {
  /** The next uniform number in [0, 1). */
  uniform(): number;
  /** `n` uniform numbers in [0, 1). */
  uniformArray(n: number): Float32Array;
  /**
   * `n` values, each `value` where this stream's next uniform number is at least `rate`, else 0:
   * an inverted-dropout mask (`value` = 1 / (1 - rate)) in one pass, the same numbers as
   * thresholding `uniformArray(n)`.
   */
  maskArray(n: number, rate: number, value: number): Float32Array;
  /** `n` standard normal numbers (Box-Muller on this stream). */
  normalArray(n: number): Float32Array;
  /** An integer in [0, n). */
  int(n: number): number;
}

/**
 * A seeded random stream (splitmix32 state, Box-Muller normals) computed in plain JavaScript, so
 * the same seed gives the same draws on wasm, cpu, tfjs-node and in every worker. Use it, not
 * `tf.randomNormal`, for everything that must be reproducible (latents, noise maps, init).
 *
 * @param seed Any integer (taken modulo 2^32); a string is hashed first.
 * @returns The stream.
 * @example
 * ```ts
 * import { createRng } from '@ganseg/runtime';
 * import * as tf from '@tensorflow/tfjs-core';
 * const z = tf.tensor2d(createRng(7).normalArray(512), [1, 512]);
 * ```
 */
export function createRng(seed: number | string): Rng {
  let state = typeof seed === 'string' ? _hash(seed) : (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
  return {
    uniform: next,
    uniformArray(n: number): Float32Array {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = next();
      return out;
    },
    maskArray(n: number, rate: number, value: number): Float32Array {
      // @ganseg/native's loop where the addon loads (the same numbers, 10x or more faster)
      const fast = n >= _NATIVE_MASK_MIN ? dropoutMask(n, state, rate, value) : null;
      if (fast) {
        state = (state + Math.imul(n, 0x9e3779b9)) | 0;
        return fast;
      }
      const out = new Float32Array(n);
      // next() inlined: this loop fills millions of entries a training step (the decoder's dropout)
      let st = state;
      for (let i = 0; i < n; i++) {
        st = (st + 0x9e3779b9) | 0;
        let z = st;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        z ^= z >>> 16;
        // compared as uniformArray stores it (float32), so that the masks are the same
        if (Math.fround((z >>> 0) / 4294967296) >= rate) out[i] = value;
      }
      state = st;
      return out;
    },
    normalArray(n: number): Float32Array {
      const out = new Float32Array(n);
      // next() inlined, as in maskArray (a StyleGAN training step draws 175,000 of these for its noise)
      let st = state;
      for (let i = 0; i < n; i += 2) {
        st = (st + 0x9e3779b9) | 0;
        let z = st;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        z ^= z >>> 16;
        const u1 = 1 - (z >>> 0) / 4294967296;
        st = (st + 0x9e3779b9) | 0;
        z = st;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        z ^= z >>> 16;
        const u2 = (z >>> 0) / 4294967296;
        const r = Math.sqrt(-2 * Math.log(u1));
        out[i] = r * Math.cos(2 * Math.PI * u2);
        if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
      }
      state = st;
      return out;
    },
    int(n: number): number {
      return Math.floor(next() * n);
    },
  };
}

function _hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
