import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { encodeMxnetParams } from './encode-mxnet-params.js';
import { readMxnetParams } from './read-mxnet-params.js';
import { expected, fixture } from './_test_fixtures.js';

function le(...words: [number, 'u32' | 'i32' | 'u64' | 'i64' | 'f32'][]): Uint8Array {
  const size = words.reduce((a, [, t]) => a + (t.endsWith('64') ? 8 : 4), 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  let p = 0;
  for (const [v, t] of words) {
    if (t === 'u32') dv.setUint32(p, v, true); else if (t === 'i32') dv.setInt32(p, v, true);
    else if (t === 'f32') dv.setFloat32(p, v, true); else dv.setBigUint64(p, BigInt(v), true);
    p += t.endsWith('64') ? 8 : 4;
  }
  return out;
}
const cat = (...a: Uint8Array[]): Uint8Array => { const o = new Uint8Array(a.reduce((s, x) => s + x.length, 0)); let p = 0; for (const x of a) { o.set(x, p); p += x.length; } return o; };
const names = (...n: string[]): Uint8Array => cat(le([n.length, 'u64']), ...n.map((s) => cat(le([s.length, 'u64']), new TextEncoder().encode(s))));

describe('readMxnetParams', () => {
  it('reads the Gluon fixture: every parameter, MXNet layouts', async () => {
    const p = await readMxnetParams(fixture('tiny-gluon.params'));
    expect(Object.keys(p)).toHaveLength(expected.gluonParamCount);
    expect(p['mapping.1.weight'].shape).toEqual([24, 16]);
    expect(p['net3.block0.weight'].shape).toEqual([16, 16, 4, 4]); // Deconvolution [in, out, 4, 4]
    expect(p['net2.block1.1.bias'].shape).toEqual([1, 16, 1, 1]);
    expect(p['mapping.1.std'].data[0]).toBeCloseTo(Math.SQRT2 / 4, 6);
  });

  it('round-trips through encodeMxnetParams', async () => {
    const a = { 'a.weight': { shape: [2, 3], dtype: 'float32', data: Float32Array.of(1, 2, 3, 4, 5, -6) }, b: { shape: [1], dtype: 'float32', data: Float32Array.of(0.5) } };
    const back = await readMxnetParams(encodeMxnetParams(a));
    expect(back).toEqual(a);
  });

  it('reads the V1 (0xF993fac8) and legacy (no magic, uint32 dims) array layouts, float16 and arg:/aux: prefixes', async () => {
    const v1 = cat(le([0xf993fac8, 'u32'], [2, 'u32'], [1, 'i64'], [2, 'i64'], [1, 'i32'], [0, 'i32'], [0, 'i32'], [1.5, 'f32'], [-2, 'f32']));
    const legacy = cat(le([1, 'u32'], [2, 'u32'], [1, 'i32'], [0, 'i32'], [2, 'i32']), Uint8Array.of(0x00, 0x3c, 0x00, 0xc0)); // float16 1, -2
    const file = cat(le([0x112, 'u64'], [0, 'u64'], [2, 'u64']), v1, legacy, names('arg:x', 'aux:y'));
    const p = await readMxnetParams(file, 'old.params');
    expect(p.x).toEqual({ shape: [1, 2], dtype: 'float32', data: Float32Array.of(1.5, -2) });
    expect(p.y).toEqual({ shape: [2], dtype: 'float16', data: Float32Array.of(1, -2) });
  });

  it('wrong magic, truncation, sparse storage, bad type flag: typed errors naming the file', async () => {
    const good = encodeMxnetParams({ w: { shape: [4], dtype: 'float32', data: new Float32Array(4) } });
    const bad = good.slice(); bad[0] = 0x13;
    await expect(readMxnetParams(bad, 'm.params')).rejects.toMatchObject({ kind: 'bad-magic', file: 'm.params' });
    for (const cut of [5, 30, good.length - 3]) {
      const e = await readMxnetParams(good.subarray(0, cut), 't.params').catch((x) => x);
      expect(e).toBeInstanceOf(CheckpointError);
      expect(e.kind).toBe('truncated');
      expect(e.file).toBe('t.params');
    }
    const sparse = good.slice(); new DataView(sparse.buffer).setInt32(28, 1, true);
    await expect(readMxnetParams(sparse, 's.params')).rejects.toMatchObject({ kind: 'malformed' });
    const flag = good.slice(); new DataView(flag.buffer).setInt32(24 + 4 + 4 + 4 + 8 + 8, 99, true);
    await expect(readMxnetParams(flag, 'f.params')).rejects.toMatchObject({ kind: 'unsupported-dtype' });
  });
});
