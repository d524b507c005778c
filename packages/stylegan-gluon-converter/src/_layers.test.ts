import { describe, expect, it } from 'vitest';
import { CheckpointError } from '@ganseg/checkpoint-readers';
import { _convFromGluon, _convToGluon, _denseFromGluon, _denseToGluon, _fusedFromGluon, _fusedToGluon } from './_layers.js';

const rand = (shape: number[], seed: number) => {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) >>> 0; data[i] = (s / 2 ** 32) * 2 - 1; }
  return { shape, dtype: 'float32', data };
};

describe('layer converters', () => {
  it('dense and conv transposes are inverse, and put element [o][i][y][x] at [y][x][i][o]', () => {
    const d = rand([3, 5], 1);
    expect(_denseFromGluon(_denseToGluon(d, 2), 2).data).toEqual(d.data);
    const g = rand([4, 2, 3, 3], 2); // [out, in, kh, kw]
    const tf = _convFromGluon(g, 1);
    expect(tf.shape).toEqual([3, 3, 2, 4]);
    // out 3, in 1, y 2, x 0
    expect(tf.data[((2 * 3 + 0) * 2 + 1) * 4 + 3]).toBe(g.data[((3 * 2 + 1) * 3 + 2) * 3 + 0]);
    expect(_convToGluon(tf, 1).data).toEqual(g.data);
  });

  it('the fused 4x4 kernel is the official pad + four-corner sum, and inverts exactly', () => {
    const w = rand([3, 3, 2, 3], 3);
    const f = _fusedToGluon(w, 1); // [in, out, 4, 4]
    // F[0][0] = w[0][0]; F[1][1] = w00 + w01 + w10 + w11; F[3][3] = w[2][2]
    const at = (y: number, x: number, i: number, o: number) => w.data[((y * 3 + x) * 2 + i) * 3 + o];
    const F = (y: number, x: number, i: number, o: number) => f.data[((i * 3 + o) * 4 + y) * 4 + x];
    expect(F(0, 0, 1, 2)).toBeCloseTo(at(0, 0, 1, 2), 6);
    expect(F(1, 1, 1, 2)).toBeCloseTo(at(0, 0, 1, 2) + at(0, 1, 1, 2) + at(1, 0, 1, 2) + at(1, 1, 1, 2), 6);
    expect(F(3, 3, 0, 1)).toBeCloseTo(at(2, 2, 0, 1), 6);
    const back = _fusedFromGluon(f, 1, 'f', 'k');
    for (let i = 0; i < w.data.length; i++) expect(back.data[i]).toBeCloseTo(w.data[i], 5);
    const bad = { ...f, data: f.data.slice() };
    bad.data[5] += 0.5;
    expect(() => _fusedFromGluon(bad, 1, 'f.params', 'net7.block0.weight')).toThrow(CheckpointError);
  });
});
