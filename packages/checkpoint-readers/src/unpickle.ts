import { CheckpointError } from './checkpoint-error.js';
import { _ByteReader, _toFloat32, _numel } from './_bytes.js';
import { NdArray, PyDtype, PyGlobal, PyObject, TorchStorage, TorchTensor } from './pickle-values.js';

/** Options of {@link unpickle}. */
export interface UnpickleOptions {
  /** The file name used in errors. */
  file?: string;
  /** Byte offset to start at (legacy torch files hold several pickles back to back). */
  offset?: number;
  /** Resolves a persistent id (torch storages); without it a persistent id is an error. */
  persistentLoad?: (pid: unknown) => unknown;
  /**
   * More allow-listed callables for this call: global name -> a function that turns the (already
   * plain-data) arguments into plain data. Nothing from the file is run either way.
   */
  globals?: Record<string, (args: unknown[], file: string) => unknown>;
  /** Dict subclasses (e.g. `dnnlib.util.EasyDict`) that NEWOBJ may build: an empty dict that SETITEMS fills. */
  dictClasses?: string[];
}

/** The result of {@link unpickle}. */
export interface UnpickleResult {
  value: unknown;
  /** Offset of the byte after STOP. */
  end: number;
}


/** Largest LONG4 integer read, in bytes (torch's legacy magic number takes 10). */
export const _MAX_INT_BYTES = 64;
/** Deepest nesting of a pickled dict key, and its most values once memo references are expanded. */
export const _MAX_DEPTH = 64;
export const _MAX_KEY_NODES = 10_000;

const NUMPY_DTYPES: Record<string, string> = {
  f4: 'float32', f8: 'float64', f2: 'float16', i8: 'int64', i4: 'int32', i2: 'int16', i1: 'int8', u1: 'uint8', b1: 'bool',
  float32: 'float32', float64: 'float64', float16: 'float16', int64: 'int64', int32: 'int32', int16: 'int16', int8: 'int8', uint8: 'uint8', bool: 'bool',
};

const TORCH_STORAGES: Record<string, string> = {
  FloatStorage: 'float32', DoubleStorage: 'float64', HalfStorage: 'float16', BFloat16Storage: 'bfloat16', LongStorage: 'int64',
  IntStorage: 'int32', ShortStorage: 'int16', CharStorage: 'int8', ByteStorage: 'uint8', BoolStorage: 'bool',
};

/** The allow-list: global name -> how a call of it is turned into plain data. */
const CALLABLES: Record<string, (args: unknown[], file: string) => unknown> = {
  'numpy.core.multiarray._reconstruct': () => new NdArray(),
  'numpy._core.multiarray._reconstruct': () => new NdArray(),
  'numpy.core.numeric._frombuffer': (args, file) => _frombuffer(args, file),
  'numpy._core.numeric._frombuffer': (args, file) => _frombuffer(args, file),
  'numpy.dtype': (args, file) => _dtype(args[0], file),
  'numpy.core.multiarray.scalar': (args, file) => _scalar(args, file),
  'numpy._core.multiarray.scalar': (args, file) => _scalar(args, file),
  'collections.OrderedDict': (args) => new Map(Array.isArray(args[0]) ? (args[0] as [unknown, unknown][]) : []),
  'builtins.set': (args) => new Set(Array.isArray(args[0]) ? args[0] : []),
  'builtins.frozenset': (args) => new Set(Array.isArray(args[0]) ? args[0] : []),
  'builtins.bytearray': (args) => (args[0] instanceof Uint8Array ? args[0] : new Uint8Array(0)),
  '_codecs.encode': (args, file) => _latin1(args[0], file),
  'copyreg._reconstructor': (args, file) => _reconstructor(args, file),
  'torch._utils._rebuild_tensor_v2': (args, file) => _rebuildTensor(args, file),
  'torch._utils._rebuild_tensor': (args, file) => _rebuildTensor(args, file),
  'torch._utils._rebuild_parameter': (args) => args[0],
};

/** Allow-listed classes: instantiated (NEWOBJ / _reconstructor) as a data record, never run. */
const CLASSES = new Set([
  'numpy.ndarray', 'numpy.dtype', 'builtins.object', 'dnnlib.tflib.network.Network', 'collections.OrderedDict',
  ...Object.keys(TORCH_STORAGES).map((s) => `torch.${s}`),
]);

const ALIASES: Record<string, string> = {
  '__builtin__.set': 'builtins.set', '__builtin__.frozenset': 'builtins.frozenset', '__builtin__.object': 'builtins.object',
  '__builtin__.bytearray': 'builtins.bytearray', 'copy_reg._reconstructor': 'copyreg._reconstructor',
};

/**
 * A safe Python unpickler (protocols 0-5 framing, the opcodes that numpy, the official StyleGAN
 * pickles and PyTorch checkpoints use). Nothing in the file is ever executed: globals are looked up
 * in a fixed allow-list (numpy arrays/dtypes/scalars, OrderedDict, `copyreg._reconstructor`,
 * `dnnlib.tflib.network.Network`, torch tensors and storages) that builds plain data; any other
 * global, and any other opcode, is a `CheckpointError` naming the file, the global or the opcode.
 *
 * Values: None -> null, str -> string, bytes -> Uint8Array, int -> number (bigint above 2^53),
 * list/tuple -> array, dict -> Map, numpy arrays -> `{shape, dtype, data: Float32Array}` records,
 * objects -> `{className, args, state}` records.
 *
 * @param bytes the pickle
 * @param options file name for errors, start offset, persistent-id loader
 * @returns the value and the offset after STOP
 * @example
 * ```ts
 * const { value } = unpickle(readFileSync('ffhq.pkl'), { file: 'ffhq.pkl' });
 * ```
 */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions = {}): UnpickleResult {
  const file = options.file ?? '<bytes>';
  const r = new _ByteReader(bytes, file, options.offset ?? 0);
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();
  const bad = (msg: string): never => {
    throw new CheckpointError('malformed', file, `${msg} (pickle byte ${r.pos})`, { key: `byte ${r.pos}` });
  };
  const pop = (): unknown => {
    if (stack.length === 0 || (marks.length && stack.length <= marks[marks.length - 1])) bad('pickle pops an empty stack');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) bad('pickle reads an empty stack');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const m = marks.pop();
    if (m === undefined) bad('pickle pops a MARK that was never set');
    return stack.splice(m!);
  };
  const str = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(b);
  const global = (module: string, name: string): unknown => {
    let full = `${module}.${name}`;
    full = ALIASES[full] ?? full;
    if (full in CALLABLES || CLASSES.has(full) || (options.globals && Object.hasOwn(options.globals, full)) || options.dictClasses?.includes(full)) return new PyGlobal(full);
    throw new CheckpointError('forbidden-global', file,
      `pickle references the global ${full}, which is not on this reader's allow-list (numpy arrays, OrderedDict, dnnlib Network, torch tensors); it is not a StyleGAN or PyTorch weights file, or it holds code`,
      { key: full, found: full });
  };
  const call = (fn: unknown, args: unknown): unknown => {
    if (!(fn instanceof PyGlobal)) bad('REDUCE calls something that is not an allow-listed global');
    const g = fn as PyGlobal;
    if (!Array.isArray(args)) bad(`REDUCE of ${g.name} gets arguments that are not a tuple`);
    const f = CALLABLES[g.name] ?? (options.globals && Object.hasOwn(options.globals, g.name) ? options.globals[g.name] : undefined);
    if (f) return f(args as unknown[], file);
    if (options.dictClasses?.includes(g.name)) return new Map();
    // An allow-listed class called directly builds a plain record.
    return new PyObject(g.name, args as unknown[]);
  };

  for (;;) {
    const at = r.pos;
    const op = r.u8('pickle opcode');
    switch (op) {
      case 0x80: r.u8('PROTO'); break; // PROTO
      case 0x95: r.take(8, 'FRAME'); break; // FRAME (length ignored; data is inline)
      case 0x2e: { // STOP
        if (stack.length === 0) bad('pickle stops with an empty stack');
        return { value: stack[stack.length - 1], end: r.pos };
      }
      case 0x28: marks.push(stack.length); break; // MARK
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: stack.push(r.i32('BININT')); break;
      case 0x4b: stack.push(r.u8('BININT1')); break;
      case 0x4d: stack.push(r.u16('BININT2')); break;
      case 0x8a: stack.push(_long(r.take(r.u8('LONG1'), 'LONG1'))); break;
      case 0x8b: { // LONG4: bounded before the bytes are even read (a big-integer build is quadratic)
        const n = r.i32('LONG4');
        if (n > _MAX_INT_BYTES) {
          throw new CheckpointError('malformed', file,
            `pickle integer at byte ${at} is ${n} bytes long (LONG4); weights files hold integers of at most ${_MAX_INT_BYTES} bytes`,
            { key: `byte ${at}`, expected: `<= ${_MAX_INT_BYTES} bytes`, found: `${n} bytes` });
        }
        stack.push(_long(r.take(n, 'LONG4')));
        break;
      }
      case 0x47: stack.push(r.f64be('BINFLOAT')); break;
      case 0x49: { // INT (text, protocol 0)
        const s = _line(r);
        stack.push(s === '01' ? true : s === '00' ? false : _parseInt(s, file));
        break;
      }
      case 0x4c: stack.push(_parseInt(_line(r).replace(/L$/, ''), file)); break; // LONG (text)
      case 0x46: stack.push(Number(_line(r))); break; // FLOAT (text)
      case 0x55: stack.push(_latin1Str(r.take(r.u8('SHORT_BINSTRING'), 'SHORT_BINSTRING'))); break;
      case 0x54: { const n = r.i32('BINSTRING'); stack.push(_latin1Str(r.take(n, 'BINSTRING'))); break; }
      case 0x8c: stack.push(str(r.take(r.u8('SHORT_BINUNICODE'), 'SHORT_BINUNICODE'))); break;
      case 0x58: stack.push(str(r.take(r.u32('BINUNICODE'), 'BINUNICODE'))); break;
      case 0x8d: stack.push(str(r.take(r.u64('BINUNICODE8'), 'BINUNICODE8'))); break;
      case 0x43: stack.push(r.take(r.u8('SHORT_BINBYTES'), 'SHORT_BINBYTES')); break;
      case 0x42: stack.push(r.take(r.u32('BINBYTES'), 'BINBYTES')); break;
      case 0x8e: stack.push(r.take(r.u64('BINBYTES8'), 'BINBYTES8')); break;
      case 0x96: stack.push(r.take(r.u64('BYTEARRAY8'), 'BYTEARRAY8')); break;
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x85: { const a = pop(); stack.push([a]); break; }
      case 0x86: { const b = pop(); const a = pop(); stack.push([a, b]); break; }
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push([a, b, c]); break; }
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x61: { const v = pop(); const l = top(); if (!Array.isArray(l)) bad('APPEND to a non-list'); (l as unknown[]).push(v); break; }
      case 0x65: { const items = popMark(); const l = top(); if (!Array.isArray(l)) bad('APPENDS to a non-list'); for (const it of items) (l as unknown[]).push(it); break; }
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x64: { // DICT
        const items = popMark();
        if (items.length % 2) bad('DICT with an odd number of items');
        const m = new Map();
        for (let i = 0; i < items.length; i += 2) m.set(_key(items[i], file), items[i + 1]);
        stack.push(m);
        break;
      }
      case 0x73: { const v = pop(); const k = pop(); const d = top(); if (!(d instanceof Map)) bad('SETITEM on a non-dict'); (d as Map<unknown, unknown>).set(_key(k, file), v); break; }
      case 0x75: { // SETITEMS
        const items = popMark();
        const d = top();
        if (!(d instanceof Map) || items.length % 2) bad('SETITEMS on a non-dict or with an odd item count');
        for (let i = 0; i < items.length; i += 2) (d as Map<unknown, unknown>).set(_key(items[i], file), items[i + 1]);
        break;
      }
      case 0x8f: stack.push(new Set()); break; // EMPTY_SET
      case 0x90: { const items = popMark(); const s = top(); if (!(s instanceof Set)) bad('ADDITEMS on a non-set'); for (const it of items) (s as Set<unknown>).add(it); break; }
      case 0x91: stack.push(new Set(popMark())); break; // FROZENSET
      case 0x63: { // GLOBAL (text)
        const mod = _line(r);
        const name = _line(r);
        stack.push(global(mod, name));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const mod = pop();
        if (typeof mod !== 'string' || typeof name !== 'string') bad('STACK_GLOBAL with non-string names');
        stack.push(global(mod as string, name as string));
        break;
      }
      case 0x52: { const args = pop(); const fn = pop(); stack.push(call(fn, args)); break; } // REDUCE
      case 0x81: { // NEWOBJ
        const args = pop();
        const cls = pop();
        const dictLike = cls instanceof PyGlobal && !!options.dictClasses?.includes(cls.name);
        if (!(cls instanceof PyGlobal) || !(CLASSES.has(cls.name) || dictLike)) bad('NEWOBJ of something that is not an allow-listed class');
        if (!Array.isArray(args)) bad('NEWOBJ arguments are not a tuple');
        const name = (cls as PyGlobal).name;
        stack.push(name === 'collections.OrderedDict' || dictLike ? new Map() : new PyObject(name, args as unknown[]));
        break;
      }
      case 0x92: { // NEWOBJ_EX
        pop();
        const args = pop();
        const cls = pop();
        if (!(cls instanceof PyGlobal) || !CLASSES.has(cls.name)) bad('NEWOBJ_EX of something that is not an allow-listed class');
        stack.push(new PyObject((cls as PyGlobal).name, Array.isArray(args) ? args : []));
        break;
      }
      case 0x62: { const state = pop(); _build(top(), state, file, bad); break; } // BUILD
      case 0x70: memo.set(_parseInt(_line(r), file) as number, top()); break; // PUT
      case 0x71: memo.set(r.u8('BINPUT'), top()); break;
      case 0x72: memo.set(r.u32('LONG_BINPUT'), top()); break;
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x67: case 0x68: case 0x6a: { // GET, BINGET, LONG_BINGET
        const idx = op === 0x67 ? (_parseInt(_line(r), file) as number) : op === 0x68 ? r.u8('BINGET') : r.u32('LONG_BINGET');
        if (!memo.has(idx)) bad(`pickle reads memo slot ${idx}, never written`);
        stack.push(memo.get(idx));
        break;
      }
      case 0x51: case 0x50: { // BINPERSID, PERSID
        const pid = op === 0x51 ? pop() : _line(r);
        if (!options.persistentLoad) {
          throw new CheckpointError('malformed', file, 'pickle holds a persistent id (an external storage) but this is not a PyTorch checkpoint', { key: 'BINPERSID' });
        }
        stack.push(options.persistentLoad(pid));
        break;
      }
      default:
        throw new CheckpointError('unsupported-opcode', file,
          `pickle opcode 0x${op.toString(16).padStart(2, '0')} ('${op >= 32 && op < 127 ? String.fromCharCode(op) : '?'}') at byte ${at} is not supported by this safe reader (only the opcodes of numpy/StyleGAN/PyTorch weight files are)`,
          { key: `0x${op.toString(16).padStart(2, '0')}`, found: `opcode 0x${op.toString(16)} at byte ${at}` });
    }
  }
}

function _line(r: _ByteReader): string {
  const start = r.pos;
  const nl = r.bytes.indexOf(0x0a, start);
  if (nl < 0) r.need(r.remaining + 1, 'text line');
  r.pos = nl + 1;
  return new TextDecoder().decode(r.bytes.subarray(start, nl));
}

function _parseInt(s: string, file: string): number | bigint {
  if (s.length > 2 * _MAX_INT_BYTES) throw new CheckpointError('malformed', file, `pickle text integer of ${s.length} digits; weights files hold integers of at most ${2 * _MAX_INT_BYTES} digits`, { expected: `<= ${2 * _MAX_INT_BYTES} digits`, found: `${s.length} digits` });
  if (!/^-?\d+$/.test(s)) throw new CheckpointError('malformed', file, `pickle integer '${s.slice(0, 40)}' is not a number`, { found: s.slice(0, 40) });
  const b = BigInt(s);
  return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(b) : b;
}

function _long(b: Uint8Array): number | bigint {
  if (b.length === 0) return 0;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  if (b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}

function _latin1Str(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

function _latin1(v: unknown, file: string): Uint8Array {
  if (typeof v !== 'string') throw new CheckpointError('malformed', file, '_codecs.encode of a non-string');
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v.charCodeAt(i) & 0xff;
  return out;
}

function _key(k: unknown, file: string): unknown {
  // Tuple keys become strings so that Map lookups by value work. The memo can make a small file
  // hold a key that is a DAG of exponential size: the serialisation is budgeted, never recursive
  // past _MAX_DEPTH.
  if (!Array.isArray(k)) return k;
  return _boundedJson(k, file, 'a dict key');
}

/**
 * JSON of a pickled value, refusing values nested deeper than `_MAX_DEPTH` or of more than
 * `_MAX_KEY_NODES` nodes once expanded (a memo DAG). Used for dict keys.
 */
export function _boundedJson(v: unknown, file: string, what: string): string {
  let nodes = 0;
  const parts: string[] = [];
  const walk = (x: unknown, depth: number): void => {
    if (++nodes > _MAX_KEY_NODES || depth > _MAX_DEPTH) {
      throw new CheckpointError('malformed', file,
        `${what} nests ${depth > _MAX_DEPTH ? `deeper than ${_MAX_DEPTH} levels` : `more than ${_MAX_KEY_NODES} values`} (memo references repeat it); weights files hold flat keys`,
        { key: what, expected: `depth <= ${_MAX_DEPTH}, <= ${_MAX_KEY_NODES} values`, found: depth > _MAX_DEPTH ? `depth > ${_MAX_DEPTH}` : `> ${_MAX_KEY_NODES} values` });
    }
    if (Array.isArray(x)) {
      parts.push('[');
      x.forEach((y, i) => { if (i) parts.push(','); walk(y, depth + 1); });
      parts.push(']');
    } else if (typeof x === 'bigint') parts.push(JSON.stringify(String(x)));
    else if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' || x === null) parts.push(JSON.stringify(x) ?? 'null');
    else parts.push('"<object>"');
  };
  walk(v, 0);
  return parts.join('');
}

function _dtype(descr: unknown, file: string): PyDtype {
  const name = typeof descr === 'string' ? NUMPY_DTYPES[descr.replace(/^[<>|=]/, '')] : undefined;
  if (!name) {
    throw new CheckpointError('unsupported-dtype', file, `numpy dtype ${JSON.stringify(descr)} is not a numeric dtype this reader converts`, { key: 'numpy.dtype', found: String(descr) });
  }
  const d = new PyDtype(name);
  if (typeof descr === 'string' && descr.startsWith('>')) d.bigEndian = true;
  return d;
}

function _scalar(args: unknown[], file: string): number {
  const [dt, raw] = args;
  if (!(dt instanceof PyDtype)) throw new CheckpointError('malformed', file, 'numpy scalar without a dtype', { key: 'numpy.core.multiarray.scalar' });
  const bytes = raw instanceof Uint8Array ? raw : typeof raw === 'string' ? _latin1(raw, file) : undefined;
  if (!bytes) throw new CheckpointError('malformed', file, 'numpy scalar without data', { key: 'numpy.core.multiarray.scalar' });
  return _toFloat32(bytes, dt.name, 1, file, 'numpy scalar', dt.bigEndian)[0];
}

function _frombuffer(args: unknown[], file: string): NdArray {
  // Protocol 5: (buffer, dtype, shape, order)
  const [buf, dt, shape, order] = args;
  const bytes = buf instanceof Uint8Array ? buf : undefined;
  if (!bytes || !(dt instanceof PyDtype) || !Array.isArray(shape) || !shape.every((d) => typeof d === 'number')) {
    throw new CheckpointError('malformed', file, 'numpy _frombuffer without bytes, dtype and shape', { key: 'numpy.core.numeric._frombuffer' });
  }
  const a = new NdArray();
  const sh = shape as number[];
  let data = _toFloat32(bytes, dt.name, _numel(sh, file, 'numpy array'), file, 'numpy array', dt.bigEndian);
  if (order === 'F' && sh.length > 1) data = _fromFortran(data, sh);
  a.shape = sh.slice();
  a.dtype = dt.name;
  a.data = data;
  a.built = true;
  return a;
}

function _reconstructor(args: unknown[], file: string): unknown {
  const [cls, base] = args;
  if (!(cls instanceof PyGlobal) || !CLASSES.has(cls.name) || !(base instanceof PyGlobal)) {
    throw new CheckpointError('forbidden-global', file, 'copyreg._reconstructor of a class outside the allow-list', { key: 'copyreg._reconstructor' });
  }
  if (cls.name === 'collections.OrderedDict') return new Map();
  return new PyObject(cls.name, []);
}

function _rebuildTensor(args: unknown[], file: string): TorchTensor {
  const [storage, offset, size, stride] = args;
  const ok = storage instanceof TorchStorage && typeof offset === 'number' && Array.isArray(size) && Array.isArray(stride)
    && size.length === stride.length && size.every((d) => typeof d === 'number') && stride.every((d) => typeof d === 'number');
  if (!ok) throw new CheckpointError('malformed', file, 'torch tensor record without a storage, offset, size and stride', { key: 'torch._utils._rebuild_tensor_v2' });
  // As torch.load (Tensor.set_): sizes, strides and the offset are non-negative integers.
  const ints = (xs: number[]): boolean => xs.every((x) => Number.isSafeInteger(x) && x >= 0);
  if (!ints([offset as number]) || !ints(size as number[]) || !ints(stride as number[]) || (size as number[]).length > 32) {
    const found = `offset ${offset}, size [${(size as number[]).slice(0, 8).join(', ')}], stride [${(stride as number[]).slice(0, 8).join(', ')}]`;
    throw new CheckpointError('malformed', file,
      `torch tensor record with ${found}: torch.load needs a non-negative integer offset, sizes and strides (at most 32 dims)`,
      { key: 'torch._utils._rebuild_tensor_v2', expected: 'non-negative integers', found });
  }
  return new TorchTensor(storage as TorchStorage, offset as number, size as number[], stride as number[]);
}

function _build(target: unknown, state: unknown, file: string, bad: (m: string) => never): void {
  if (target instanceof NdArray) {
    // (version, shape, dtype, is_fortran, rawdata)
    if (!Array.isArray(state) || state.length < 5) bad('numpy array state is not (version, shape, dtype, fortran, data)');
    const s = state as unknown[];
    const [, shape, dt, fortran, raw] = s;
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number') || !(dt instanceof PyDtype)) bad('numpy array state with a bad shape or dtype');
    const sh = shape as number[];
    const n = _numel(sh, file, 'numpy array');
    const bytes = raw instanceof Uint8Array ? raw : typeof raw === 'string' ? _latin1(raw, file) : undefined;
    if (!bytes) bad('numpy array holds Python objects, not numbers');
    const d = dt as PyDtype;
    let data = _toFloat32(bytes!, d.name, n, file, 'numpy array', d.bigEndian);
    if (fortran && sh.length > 1) data = _fromFortran(data, sh);
    target.shape = sh.slice();
    target.dtype = d.name;
    target.data = data;
    target.built = true;
    return;
  }
  if (target instanceof PyDtype) {
    if (Array.isArray(state) && state[1] === '>') target.bigEndian = true;
    return;
  }
  if (target instanceof PyObject) {
    target.state = state;
    return;
  }
  if (target instanceof Map) return; // OrderedDict attributes (torch's _metadata): not weights
  bad('BUILD on a value that takes no state');
}

function _fromFortran(data: Float32Array, shape: number[]): Float32Array {
  const out = new Float32Array(data.length);
  const nd = shape.length;
  const idx = new Array(nd).fill(0);
  for (let f = 0; f < data.length; f++) {
    // f is the column-major linear index; idx the multi-index.
    let c = 0;
    for (let k = 0; k < nd; k++) c = c * shape[k] + idx[k];
    out[c] = data[f];
    for (let k = 0; k < nd; k++) { if (++idx[k] < shape[k]) break; idx[k] = 0; }
  }
  return out;
}

export { TORCH_STORAGES as _TORCH_STORAGES };
