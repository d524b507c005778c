import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { unpickle } from './unpickle.js';
import { NdArray, PyObject } from './pickle-values.js';
import { bytes, fixture } from './_test_fixtures.js';

const STOP = 0x2e;

describe('unpickle', () => {
  it('reads scalars, strings, containers and the memo', () => {
    // PROTO 2, MARK, BININT1 7, BININT -5, SHORT_BINUNICODE 'hé', NONE, TRUE, BINFLOAT 1.5, TUPLE, BINPUT 0, BINGET 0, TUPLE2, STOP
    const f = new DataView(new ArrayBuffer(8));
    f.setFloat64(0, 1.5);
    const p = bytes(0x80, 2, 0x28, 0x4b, 7, 0x4a, 0xfb, 0xff, 0xff, 0xff, 0x8c, 3, 0x68, 0xc3, 0xa9, 0x4e, 0x88, 0x47,
      new Uint8Array(f.buffer), 0x74, 0x71, 0, 0x68, 0, 0x86, STOP);
    const { value, end } = unpickle(p);
    expect(end).toBe(p.length);
    expect(value).toEqual([[7, -5, 'hé', null, true, 1.5], [7, -5, 'hé', null, true, 1.5]]);
  });

  it('reads dicts (SETITEMS), lists (APPENDS) and big LONG1 integers', () => {
    const p = bytes(0x80, 2, 0x7d, 0x28, 0x8c, 1, 'a', 0x5d, 0x28, 0x4b, 1, 0x4b, 2, 0x65, 0x8c, 1, 'b',
      0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x75, STOP);
    const v = unpickle(p).value as Map<string, unknown>;
    expect(v.get('a')).toEqual([1, 2]);
    expect(v.get('b')).toBe(2n ** 64n);
  });

  it('reads the official fixture pickles (protocols 2, 3, 4) as (G, D, Gs) Network records with numpy arrays', () => {
    for (const name of ['tiny-official-p2.pkl', 'tiny-official.pkl', 'tiny-official-p4.pkl']) {
      const v = unpickle(readFileSync(fixture(name)), { file: name }).value as PyObject[];
      expect(v).toHaveLength(3);
      expect(v.map((n) => n.className)).toEqual(Array(3).fill('dnnlib.tflib.network.Network'));
      const gs = v[2].state as Map<string, unknown>;
      expect(gs.get('name')).toBe('Gs');
      const vars = gs.get('variables') as [string, NdArray][];
      expect(vars[0][0]).toBe('dlatent_avg');
      expect(vars[0][1].shape).toEqual([16]);
      expect(vars[0][1].data).toBeInstanceOf(Float32Array);
    }
  });

  it('refuses a global outside the allow-list, naming it (nothing is executed)', () => {
    const p = bytes(0x80, 2, 0x63, 'os\nsystem\n', 0x8c, 2, 'ls', 0x85, 0x52, STOP);
    const e = (() => { try { unpickle(p, { file: 'evil.pkl' }); } catch (err) { return err; } })() as CheckpointError;
    expect(e).toBeInstanceOf(CheckpointError);
    expect(e.kind).toBe('forbidden-global');
    expect(e.key).toBe('os.system');
    expect(e.message).toContain('evil.pkl');
  });

  it('refuses STACK_GLOBAL of builtins.eval and an unknown opcode, naming them', () => {
    const g = bytes(0x80, 4, 0x8c, 8, 'builtins', 0x8c, 4, 'eval', 0x93, STOP);
    expect(() => unpickle(g, { file: 'x.pkl' })).toThrow(/builtins\.eval/);
    const inst = bytes(0x80, 2, 0x28, 0x69, 'os\nsystem\n', STOP); // INST
    const e = (() => { try { unpickle(inst, { file: 'x.pkl' }); } catch (err) { return err; } })() as CheckpointError;
    expect(e.kind).toBe('unsupported-opcode');
    expect(e.key).toBe('0x69');
    expect(() => unpickle(bytes(0x80, 2, 0xff), { file: 'x.pkl' })).toThrow(/opcode 0xff/);
  });

  it('reports a truncated pickle as truncated, naming the file', () => {
    const full = readFileSync(fixture('tiny-official.pkl'));
    for (const cut of [1, 2, 100, 5000, full.length - 1]) {
      const e = (() => { try { unpickle(full.subarray(0, cut), { file: 'cut.pkl' }); } catch (err) { return err; } })() as CheckpointError;
      expect(e).toBeInstanceOf(CheckpointError);
      expect(e.file).toBe('cut.pkl');
    }
    const e = (() => { try { unpickle(full.subarray(0, 5000), { file: 'cut.pkl' }); } catch (err) { return err; } })() as CheckpointError;
    expect(e.kind).toBe('truncated');
  });

  it('reads numpy arrays of protocols 2 and 5 (_reconstruct / _frombuffer): C and Fortran order, big-endian float64, float16, scalars', () => {
    // pickle.dumps({'a': arange(6, f4).reshape(2,3), 'b': asfortranarray(arange(6, '>f8').reshape(2,3)),
    //               'c': float32(2.5), 'h': array([1.5, -2], f16)}, protocol=5 / 2) from Debian's python3-numpy
    const P5 = 'gAWVgQEAAAAAAAB9lCiMAWGUjBJudW1weS5jb3JlLm51bWVyaWOUjAtfZnJvbWJ1ZmZlcpSTlCiWGAAAAAAAAAAAAAAAAACAPwAAAEAAAEBAAACAQAAAoECUjAVudW1weZSMBWR0eXBllJOUjAJmNJSJiIeUUpQoSwOMATyUTk5OSv////9K/////0sAdJRiSwJLA4aUjAFDlHSUUpSMAWKUaAQoljAAAAAAAAAAAAAAAAAAAABACAAAAAAAAD/wAAAAAAAAQBAAAAAAAABAAAAAAAAAAEAUAAAAAAAAlGgIjAJmOJSJiIeUUpQoSwOMAT6UTk5OSv////9K/////0sAdJRiSwJLA4aUjAFGlHSUUpSMAWOUjBVudW1weS5jb3JlLm11bHRpYXJyYXmUjAZzY2FsYXKUk5RoC0MEAAAgQJSGlFKUjAFolGgEKJYEAAAAAAAAAAA+AMCUaAiMAmYylImIh5RSlChLA2gMTk5OSv////9K/////0sAdJRiSwKFlGgPdJRSlHUu';
    const P2 = 'gAJ9cQAoWAEAAABhcQFjbnVtcHkuY29yZS5tdWx0aWFycmF5Cl9yZWNvbnN0cnVjdApxAmNudW1weQpuZGFycmF5CnEDSwCFcQRjX2NvZGVjcwplbmNvZGUKcQVYAQAAAGJxBlgGAAAAbGF0aW4xcQeGcQhScQmHcQpScQsoSwFLAksDhnEMY251bXB5CmR0eXBlCnENWAIAAABmNHEOiYiHcQ9ScRAoSwNYAQAAADxxEU5OTkr/////Sv////9LAHRxEmKJaAVYGwAAAAAAAAAAAMKAPwAAAEAAAEBAAADCgEAAAMKgQHETaAeGcRRScRV0cRZiWAEAAABicRdoAmgDSwCFcRhoCYdxGVJxGihLAUsCSwOGcRtoDVgCAAAAZjhxHImIh3EdUnEeKEsDWAEAAAA+cR9OTk5K/////0r/////SwB0cSBiiGgFWDEAAAAAAAAAAAAAAEAIAAAAAAAAP8OwAAAAAAAAQBAAAAAAAABAAAAAAAAAAEAUAAAAAAAAcSFoB4ZxIlJxI3RxJGJYAQAAAGNxJWNudW1weS5jb3JlLm11bHRpYXJyYXkKc2NhbGFyCnEmaBBoBVgEAAAAAAAgQHEnaAeGcShScSmGcSpScStYAQAAAGhxLGgCaANLAIVxLWgJh3EuUnEvKEsBSwKFcTBoDVgCAAAAZjJxMYmIh3EyUnEzKEsDaBFOTk5K/////0r/////SwB0cTRiiWgFWAUAAAAAPgDDgHE1aAeGcTZScTd0cThidS4=';
    for (const b64 of [P5, P2]) {
      const v = unpickle(new Uint8Array(Buffer.from(b64, 'base64'))).value as Map<string, NdArray | number>;
      const a = v.get('a') as NdArray;
      const b = v.get('b') as NdArray;
      expect(a.shape).toEqual([2, 3]);
      expect(Array.from(a.data)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(b.dtype).toBe('float64');
      expect(Array.from(b.data)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(v.get('c')).toBe(2.5);
      expect(Array.from((v.get('h') as NdArray).data)).toEqual([1.5, -2]);
    }
  });

  it('refuses persistent ids when no loader is given', () => {
    expect(() => unpickle(bytes(0x80, 2, 0x4b, 1, 0x51, STOP), { file: 'p.pkl' })).toThrow(CheckpointError);
  });
});
