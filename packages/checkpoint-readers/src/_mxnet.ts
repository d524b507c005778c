import { CheckpointError } from './checkpoint-error.js';
import { _ByteReader, _dtypeSize, _numel, _toFloat32 } from './_bytes.js';
import type { WeightArray } from './weight-array.js';

/** kMXAPINDArrayListMagic */
export const _LIST_MAGIC = 0x112;
const V1 = 0xf993fac8;
const V2 = 0xf993fac9;
const V3 = 0xf993faca;
const TYPE_FLAGS: Record<number, string> = { 0: 'float32', 1: 'float64', 2: 'float16', 3: 'uint8', 4: 'int32', 5: 'int8', 6: 'int64', 7: 'bool', 12: 'bfloat16' };

/** Parses MXNet's NDArray-list format (`nd.save` / Gluon `save_parameters`). */
export function _parseMxnet(bytes: Uint8Array, file: string): Record<string, WeightArray> {
  const r = new _ByteReader(bytes, file);
  const magic = r.u64('MXNet list magic');
  if (magic !== _LIST_MAGIC) {
    throw new CheckpointError('bad-magic', file, `not an MXNet .params file: header is 0x${magic.toString(16)}, expected 0x112`, { key: 'header', expected: '0x112', found: `0x${magic.toString(16)}` });
  }
  r.u64('MXNet reserved');
  const count = r.u64('NDArray count');
  if (count > r.remaining / 4) throw new CheckpointError('truncated', file, `header announces ${count} arrays, more than the file can hold`, { key: 'NDArray count', found: String(count) });
  const arrays: WeightArray[] = [];
  for (let k = 0; k < count; k++) arrays.push(_readArray(r, file, k));
  const nNames = r.u64('name count');
  if (nNames !== 0 && nNames !== count) {
    throw new CheckpointError('malformed', file, `${count} arrays but ${nNames} names`, { key: 'names', expected: String(count), found: String(nNames) });
  }
  const out: Record<string, WeightArray> = {};
  for (let k = 0; k < nNames; k++) {
    const len = r.u64(`length of name ${k}`);
    const name = new TextDecoder().decode(r.take(len, `name ${k}`)).replace(/^(arg|aux):/, '');
    if (name in out) throw new CheckpointError('malformed', file, `name ${name} appears twice`, { key: name });
    out[name] = arrays[k];
  }
  if (nNames === 0) arrays.forEach((a, k) => { out[String(k)] = a; });
  return out;
}

function _readArray(r: _ByteReader, file: string, k: number): WeightArray {
  const what = `NDArray ${k}`;
  const first = r.u32(`${what} magic`);
  let shape: number[];
  if (first === V2 || first === V3 || first === V1) {
    if (first !== V1) {
      const stype = r.i32(`${what} storage type`);
      if (stype !== 0) throw new CheckpointError('malformed', file, `${what} uses sparse storage type ${stype}; only dense arrays are read`, { key: what, found: `stype ${stype}` });
    }
    const ndim = r.u32(`${what} ndim`);
    if (ndim > 32) throw new CheckpointError('malformed', file, `${what} has ${ndim} dims`, { key: what, found: `${ndim} dims` });
    shape = [];
    for (let d = 0; d < ndim; d++) shape.push(r.i64(`${what} dim ${d}`));
  } else {
    // Legacy: no magic; `first` is ndim and dims are uint32.
    if (first > 32) throw new CheckpointError('bad-magic', file, `${what} starts with 0x${first.toString(16)}, neither an NDArray magic (0xf993fac8/9) nor a legacy ndim`, { key: what, found: `0x${first.toString(16)}` });
    shape = [];
    for (let d = 0; d < first; d++) shape.push(r.u32(`${what} dim ${d}`));
  }
  if (shape.length === 0) return { shape: [], dtype: 'float32', data: new Float32Array(0) };
  r.i32(`${what} device type`);
  r.i32(`${what} device id`);
  const flag = r.i32(`${what} type flag`);
  const dtype = TYPE_FLAGS[flag];
  if (!dtype) throw new CheckpointError('unsupported-dtype', file, `${what} has MXNet type flag ${flag}`, { key: what, found: `type flag ${flag}` });
  const n = _numel(shape, file, what);
  const raw = r.take(n * _dtypeSize(dtype, file, what), `${what} data`);
  return { shape, dtype, data: _toFloat32(raw, dtype, n, file, what) };
}

/** Encodes arrays as MXNet's NDArray list (V2 magic, dense, cpu, float32), names in order. */
export function _encodeMxnet(arrays: Record<string, WeightArray>): Uint8Array {
  const names = Object.keys(arrays);
  const enc = new TextEncoder();
  let size = 24 + 8;
  for (const n of names) size += 4 + 4 + 4 + 8 * arrays[n].shape.length + 8 + 4 + 4 * arrays[n].data.length + 8 + enc.encode(n).length;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  let p = 0;
  const u64 = (v: number): void => { dv.setBigUint64(p, BigInt(v), true); p += 8; };
  const u32 = (v: number): void => { dv.setUint32(p, v, true); p += 4; };
  const i32 = (v: number): void => { dv.setInt32(p, v, true); p += 4; };
  u64(_LIST_MAGIC); u64(0); u64(names.length);
  for (const n of names) {
    const a = arrays[n];
    u32(V2); i32(0); u32(a.shape.length);
    for (const d of a.shape) { dv.setBigInt64(p, BigInt(d), true); p += 8; }
    i32(1); i32(0); // cpu(0)
    i32(0); // float32
    for (let i = 0; i < a.data.length; i++) { dv.setFloat32(p, a.data[i], true); p += 4; }
  }
  u64(names.length);
  for (const n of names) { const b = enc.encode(n); u64(b.length); out.set(b, p); p += b.length; }
  return out;
}
