import { describe, expect, it } from 'vitest';
import { dropoutMask } from './dropout-mask.js';
import { nativeStatus } from './native-status.js';

/** The reference: @ganseg/runtime's JavaScript loop (splitmix32), restated here. */
function jsMask(n: number, state: number, rate: number, value: number): Float32Array {
  const out = new Float32Array(n);
  let st = state | 0;
  for (let i = 0; i < n; i++) {
    st = (st + 0x9e3779b9) | 0;
    let z = st;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    if (Math.fround((z >>> 0) / 4294967296) >= rate) out[i] = value;
  }
  return out;
}

describe.runIf(nativeStatus().enabled)('dropoutMask', () => {
  it.each([
    [1000, 0, 0.5, 2],
    [4097, -123456789, 0.1, 1 / 0.9],
    [3 << 20, 0x7fffffff, 0.5, 2], // over the threaded size
    [17, 42, 0, 1],
    [17, 42, 1, 5],
  ])('matches the JavaScript stream bit for bit: n %i, state %i, rate %f', (n, state, rate, value) => {
    const got = dropoutMask(n, state, rate, value)!;
    expect(got.length).toBe(n);
    expect(Buffer.from(got.buffer).equals(Buffer.from(jsMask(n, state, rate, value).buffer))).toBe(true);
  });
  it('keeps about 1 - rate of the elements', () => {
    const m = dropoutMask(100000, 7, 0.3, 1)!;
    const kept = m.reduce((a, b) => a + b, 0) / m.length;
    expect(Math.abs(kept - 0.7)).toBeLessThan(0.01);
  });
});
