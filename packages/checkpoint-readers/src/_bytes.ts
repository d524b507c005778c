import { CheckpointError } from './checkpoint-error.js';

/** Bounds-checked little-endian reader; every overrun is a `truncated` CheckpointError. */
export class _ByteReader {
  readonly view: DataView;
  pos: number;
  constructor(readonly bytes: Uint8Array, readonly file: string, pos = 0) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = pos;
  }
  get remaining(): number {
    return this.bytes.length - this.pos;
  }
  need(n: number, what: string): void {
    if (!Number.isFinite(n) || n < 0 || this.pos + n > this.bytes.length) {
      throw new CheckpointError('truncated', this.file,
        `file ends inside ${what} at byte ${this.pos} (needs ${n} bytes, ${this.remaining} left); the file is truncated or damaged`,
        { key: what, expected: `${n} bytes`, found: `${this.remaining} bytes` });
    }
  }
  u8(what = 'byte'): number { this.need(1, what); return this.bytes[this.pos++]; }
  u16(what = 'uint16'): number { this.need(2, what); const v = this.view.getUint16(this.pos, true); this.pos += 2; return v; }
  u32(what = 'uint32'): number { this.need(4, what); const v = this.view.getUint32(this.pos, true); this.pos += 4; return v; }
  i32(what = 'int32'): number { this.need(4, what); const v = this.view.getInt32(this.pos, true); this.pos += 4; return v; }
  /** int64 as a number; throws `malformed` if it does not fit a safe integer. */
  i64(what = 'int64'): number {
    this.need(8, what);
    const v = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new CheckpointError('malformed', this.file, `${what} at byte ${this.pos - 8} is ${v}, too large`, { key: what, found: String(v) });
    }
    return Number(v);
  }
  u64(what = 'uint64'): number {
    this.need(8, what);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new CheckpointError('malformed', this.file, `${what} at byte ${this.pos - 8} is ${v}, too large`, { key: what, found: String(v) });
    }
    return Number(v);
  }
  f64be(what = 'float64'): number { this.need(8, what); const v = this.view.getFloat64(this.pos, false); this.pos += 8; return v; }
  take(n: number, what: string): Uint8Array { this.need(n, what); const v = this.bytes.subarray(this.pos, this.pos + n); this.pos += n; return v; }
}

/** Converts raw little- or big-endian element bytes of a numeric dtype to float32 values. */
export function _toFloat32(raw: Uint8Array, dtype: string, count: number, file: string, key: string, bigEndian = false): Float32Array {
  const size = _dtypeSize(dtype, file, key);
  if (raw.length < count * size) {
    throw new CheckpointError('truncated', file, `data of ${key} holds ${raw.length} bytes, ${count} ${dtype} values need ${count * size}`,
      { key, expected: `${count * size} bytes`, found: `${raw.length} bytes` });
  }
  const out = new Float32Array(count);
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const le = !bigEndian;
  switch (dtype) {
    case 'float32':
      if (le) new Uint8Array(out.buffer).set(raw.subarray(0, count * 4)); // memcpy, any alignment
      else for (let i = 0; i < count; i++) out[i] = dv.getFloat32(i * 4, le);
      break;
    case 'float64': for (let i = 0; i < count; i++) out[i] = dv.getFloat64(i * 8, le); break;
    case 'float16': for (let i = 0; i < count; i++) out[i] = _half(dv.getUint16(i * 2, le)); break;
    case 'bfloat16': for (let i = 0; i < count; i++) { const b = new DataView(new ArrayBuffer(4)); b.setUint32(0, dv.getUint16(i * 2, le) << 16); out[i] = b.getFloat32(0); } break;
    case 'int64': for (let i = 0; i < count; i++) out[i] = Number(dv.getBigInt64(i * 8, le)); break;
    case 'int32': for (let i = 0; i < count; i++) out[i] = dv.getInt32(i * 4, le); break;
    case 'int16': for (let i = 0; i < count; i++) out[i] = dv.getInt16(i * 2, le); break;
    case 'int8': for (let i = 0; i < count; i++) out[i] = dv.getInt8(i); break;
    case 'uint8': case 'bool': for (let i = 0; i < count; i++) out[i] = raw[i]; break;
    default: throw new CheckpointError('unsupported-dtype', file, `${key} has dtype ${dtype}, which this reader does not convert`, { key, found: dtype });
  }
  return out;
}

/** Bytes per element of a dtype name. */
export function _dtypeSize(dtype: string, file: string, key: string): number {
  const s: Record<string, number> = { float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1 };
  const v = s[dtype];
  if (v === undefined) throw new CheckpointError('unsupported-dtype', file, `${key} has dtype ${dtype}, which this reader does not convert`, { key, found: dtype });
  return v;
}

function _half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/** Product of a shape, rejecting negative or non-integer dims. */
export function _numel(shape: number[], file: string, key: string): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new CheckpointError('malformed', file, `${key} has an invalid shape [${shape.join(', ')}]`, { key, found: `[${shape.join(', ')}]` });
    n *= d;
  }
  if (n > 2 ** 31) throw new CheckpointError('malformed', file, `${key} has shape [${shape.join(', ')}], over 2^31 elements`, { key, found: `[${shape.join(', ')}]` });
  return n;
}
