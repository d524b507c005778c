import { describe, expect, it } from 'vitest';
import { encodeMxnetParams } from './encode-mxnet-params.js';

describe('encodeMxnetParams', () => {
  it('writes the MXNet byte layout: 0x112 header, V2 array, cpu, float32, then names', () => {
    const b = encodeMxnetParams({ ab: { shape: [2], dtype: 'float32', data: Float32Array.of(1, -1) } });
    const dv = new DataView(b.buffer);
    expect(dv.getBigUint64(0, true)).toBe(0x112n);
    expect(dv.getBigUint64(16, true)).toBe(1n);
    expect(dv.getUint32(24, true)).toBe(0xf993fac9);
    expect(dv.getInt32(28, true)).toBe(0); // dense
    expect(dv.getUint32(32, true)).toBe(1); // ndim
    expect(dv.getBigInt64(36, true)).toBe(2n);
    expect([dv.getInt32(44, true), dv.getInt32(48, true), dv.getInt32(52, true)]).toEqual([1, 0, 0]);
    expect([dv.getFloat32(56, true), dv.getFloat32(60, true)]).toEqual([1, -1]);
    expect(dv.getBigUint64(64, true)).toBe(1n);
    expect(dv.getBigUint64(72, true)).toBe(2n);
    expect(new TextDecoder().decode(b.subarray(80))).toBe('ab');
  });
});
