import { CheckpointError } from './checkpoint-error.js';
import { _ByteReader, _dtypeSize, _numel, _toFloat32 } from './_bytes.js';
import { PyGlobal, TorchStorage, TorchTensor } from './pickle-values.js';
import { _openZip } from './_zip.js';
import { unpickle, _boundedJson, _TORCH_STORAGES } from './unpickle.js';
import type { WeightArray } from './weight-array.js';

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

/** Parses a PyTorch checkpoint (zip format of torch >= 1.6, or the legacy pickle stream). */
export function _parseTorch(bytes: Uint8Array, file: string): Record<string, WeightArray> {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) return _parseZip(bytes, file);
  if (bytes.length >= 2 && bytes[0] === 0x80) return _parseLegacy(bytes, file);
  throw new CheckpointError('bad-magic', file, 'not a PyTorch checkpoint: it starts with neither a zip header (PK) nor a pickle (0x80)',
    { expected: 'PK or 0x80', found: _hex(bytes.subarray(0, 4)) });
}

function _storageDtype(g: unknown, file: string): string {
  const name = g instanceof PyGlobal ? g.name.replace(/^torch\./, '') : '';
  const dt = _TORCH_STORAGES[name];
  if (!dt) throw new CheckpointError('malformed', file, `persistent id names storage type ${String(name || g)}, not a torch storage`, { key: String(name) });
  return dt;
}

function _parseZip(bytes: Uint8Array, file: string): Record<string, WeightArray> {
  const zip = _openZip(bytes, file);
  const pklName = [...zip.entries.keys()].find((k) => k === 'data.pkl' || /^[^/]+\/data\.pkl$/.test(k));
  if (!pklName) throw new CheckpointError('malformed', file, 'zip archive has no <name>/data.pkl; it is not a PyTorch checkpoint', { key: 'data.pkl' });
  const prefix = pklName.slice(0, pklName.length - 'data.pkl'.length);
  const storages = new Map<string, TorchStorage>();
  const { value } = unpickle(zip.read(pklName), {
    file,
    persistentLoad: (pid) => {
      if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) throw new CheckpointError('malformed', file, 'persistent id is not a torch storage record', { key: 'BINPERSID' });
      const dtype = _storageDtype(pid[1], file);
      const key = _storageKey(pid[2], file);
      const have = storages.get(key);
      if (have) return have;
      const raw = zip.entries.has(`${prefix}data/${key}`) ? zip.read(`${prefix}data/${key}`) : undefined;
      if (!raw) throw new CheckpointError('malformed', file, `storage ${key} is missing from the archive (${prefix}data/${key})`, { key: `data/${key}` });
      const size = _dtypeSize(dtype, file, `storage ${key}`);
      const numel = Math.floor(raw.length / size);
      const s = new TorchStorage(dtype, key, numel);
      s.data = _toFloat32(raw, dtype, numel, file, `storage ${key}`);
      storages.set(key, s);
      return s;
    },
  });
  return _collect(value, file);
}

function _parseLegacy(bytes: Uint8Array, file: string): Record<string, WeightArray> {
  return _collect(_readLegacy(bytes, file), file);
}

/**
 * The storage of `torch.storage._load_from_bytes(b)`: how a plain `pickle.dump` of a tensor stores
 * its data (StyleGAN2-ADA pickles), `b` being a legacy `torch.save` of the storage alone.
 */
export function _storageFromBytes(bytes: unknown, file: string): TorchStorage {
  if (!(bytes instanceof Uint8Array)) {
    throw new CheckpointError('malformed', file, 'torch.storage._load_from_bytes of something that is not bytes', { key: 'torch.storage._load_from_bytes', expected: 'bytes', found: typeof bytes });
  }
  const v = _readLegacy(bytes, file);
  if (!(v instanceof TorchStorage) || !(v.root ?? v).data) {
    throw new CheckpointError('malformed', file, 'torch.storage._load_from_bytes holds no storage with its data', { key: 'torch.storage._load_from_bytes', expected: 'a torch storage', found: typeof v });
  }
  return v;
}

/** The main value of a legacy torch stream, its storages filled. */
function _readLegacy(bytes: Uint8Array, file: string): unknown {
  let pos = 0;
  const magic = unpickle(bytes, { file, offset: pos });
  if (magic.value !== LEGACY_MAGIC) {
    throw new CheckpointError('bad-magic', file, 'pickle stream does not start with the PyTorch legacy magic number', { expected: '0x1950a86a20f9469cfc6c', found: typeof magic.value === 'bigint' || typeof magic.value === 'number' ? String(magic.value).slice(0, 40) : typeof magic.value });
  }
  pos = magic.end;
  pos = unpickle(bytes, { file, offset: pos }).end; // protocol version
  const sysInfo = unpickle(bytes, { file, offset: pos });
  pos = sysInfo.end;
  if (sysInfo.value instanceof Map && sysInfo.value.get('little_endian') === false) {
    throw new CheckpointError('malformed', file, 'big-endian legacy PyTorch checkpoints are not supported', { key: 'sys_info.little_endian' });
  }
  const storages = new Map<string, TorchStorage>();
  const main = unpickle(bytes, {
    file,
    offset: pos,
    persistentLoad: (pid) => {
      if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) throw new CheckpointError('malformed', file, 'persistent id is not a torch storage record', { key: 'BINPERSID' });
      const dtype = _storageDtype(pid[1], file);
      const key = _storageKey(pid[2], file);
      const numel = _count(pid[4], file, `numel of storage ${key}`);
      let root = storages.get(key);
      if (!root) { root = new TorchStorage(dtype, key, numel); storages.set(key, root); }
      const view = pid[5];
      if (Array.isArray(view) && view.length >= 3) {
        return new TorchStorage(dtype, _storageKey(view[0], file), _count(view[2], file, `size of view ${key}`), root, _count(view[1], file, `offset of view ${key}`));
      }
      return root;
    },
  });
  pos = main.end;
  const keys = unpickle(bytes, { file, offset: pos });
  pos = keys.end;
  if (!Array.isArray(keys.value)) throw new CheckpointError('malformed', file, 'legacy storage key list is not a list', { key: 'storage keys' });
  const r = new _ByteReader(bytes, file, pos);
  for (const k of keys.value) {
    const s = storages.get(_storageKey(k, file));
    if (!s) throw new CheckpointError('malformed', file, `storage ${_storageKey(k, file)} is listed but never used`, { key: `storage ${_storageKey(k, file)}` });
    const n = r.i64(`size of storage ${s.key}`);
    const size = _dtypeSize(s.dtype, file, `storage ${s.key}`);
    _numel([n], file, `storage ${s.key}`);
    s.data = _toFloat32(r.take(n * size, `data of storage ${s.key}`), s.dtype, n, file, `storage ${s.key}`);
  }
  return main.value;
}

/** Every tensor of a (nested) state dict, by dotted name, materialised and checked. */
export function _collect(value: unknown, file: string): Record<string, WeightArray> {
  const out: Record<string, WeightArray> = {};
  const tensors: [string, TorchTensor][] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, prefix: string, depth: number): void => {
    if (v instanceof TorchTensor) { tensors.push([prefix, v]); return; }
    if (v instanceof Map) {
      if (seen.has(v) || depth > 32) throw new CheckpointError('malformed', file, `the state dict nests too deep or contains itself at ${prefix || 'the top'}`, { key: prefix });
      seen.add(v);
      for (const [k, x] of v) { const ks = _storageKey(k, file); walk(x, prefix ? `${prefix}.${ks}` : ks, depth + 1); }
    }
  };
  walk(value, '', 0);
  // Views may share a storage (tied weights), but the tensors together may not be many times the
  // storages: that is what 40 broadcast views of one element would make.
  let stored = 0;
  for (const st of new Set(tensors.map(([, t]) => t.storage.root ?? t.storage))) stored += st.data?.length ?? 0;
  let total = 0;
  for (const [k, t] of tensors) { _checkTensor(t, file, k); total += _numel(t.shape, file, k); }
  if (total > 8 * stored + (1 << 20)) {
    throw new CheckpointError('malformed', file, `the tensors hold ${total} elements, over 8 times their storages (${stored}): views that repeat data, which a saved state dict never needs`,
      { key: 'state_dict', expected: `<= ${8 * stored + (1 << 20)} elements`, found: `${total} elements` });
  }
  for (const [k, t] of tensors) out[k] = _materialize(t, file, k);
  const names = Object.keys(out);
  if (names.length === 0) throw new CheckpointError('malformed', file, 'checkpoint holds no tensors (expected a state dict)', { key: 'state_dict' });
  // A checkpoint of the form {state_dict: {...}, epoch: ...}: drop the common wrapper key.
  for (const wrap of ['state_dict', 'model', 'model_state_dict', 'net']) {
    if (names.every((n) => n.startsWith(`${wrap}.`))) {
      const stripped: Record<string, WeightArray> = {};
      for (const n of names) stripped[n.slice(wrap.length + 1)] = out[n];
      return stripped;
    }
  }
  return out;
}

/** Checks a tensor's view of its storage (as torch.load, plus no broadcast views) before anything is allocated. */
function _checkTensor(t: TorchTensor, file: string, key: string): void {
  let s = t.storage;
  let base = t.offset;
  if (s.root) { base += s.viewOffset; s = s.root; }
  const data = s.data;
  if (!data) throw new CheckpointError('malformed', file, `tensor ${key} refers to storage ${s.key}, whose data never came`, { key });
  const n = _numel(t.shape, file, key);
  const shape = `[${t.shape.join(', ')}]`;
  // A broadcast (zero-stride) or self-overlapping view: more elements than its storage holds.
  if (t.shape.some((d, i) => d > 1 && t.stride[i] === 0) || n > data.length) {
    throw new CheckpointError('malformed', file,
      `tensor ${key} of shape ${shape}, stride [${t.stride.join(', ')}] has ${n} elements but its storage only ${data.length}: a broadcast or self-overlapping view, which a saved state dict never needs`,
      { key, expected: `<= ${data.length} elements, no zero stride`, found: `${n} elements, stride [${t.stride.join(', ')}]` });
  }
  let last = base;
  for (let i = 0; i < t.shape.length; i++) if (t.shape[i] > 0) last += (t.shape[i] - 1) * t.stride[i];
  if (n > 0 && (base < 0 || last >= data.length)) {
    throw new CheckpointError('malformed', file, `tensor ${key} of shape ${shape} reaches past its storage (${data.length} elements)`,
      { key, expected: `< ${data.length}`, found: String(last) });
  }
}

function _materialize(t: TorchTensor, file: string, key: string): WeightArray {
  let s = t.storage;
  let base = t.offset;
  if (s.root) { base += s.viewOffset; s = s.root; }
  const data = s.data!;
  const n = _numel(t.shape, file, key);
  const out = new Float32Array(n);
  const nd = t.shape.length;
  let contiguous = true;
  for (let i = nd - 1, expect = 1; i >= 0; i--) { if (t.shape[i] !== 1 && t.stride[i] !== expect) contiguous = false; expect *= t.shape[i]; }
  if (contiguous) out.set(data.subarray(base, base + n));
  else {
    const idx = new Array(nd).fill(0);
    for (let o = 0; o < n; o++) {
      let p = base;
      for (let k = 0; k < nd; k++) p += idx[k] * t.stride[k];
      out[o] = data[p];
      for (let k = nd - 1; k >= 0; k--) { if (++idx[k] < t.shape[k]) break; idx[k] = 0; }
    }
  }
  return { shape: t.shape.slice(), dtype: s.dtype, data: out };
}

/** A storage key or dict key as a short string; never a recursive String() of a pickled DAG. */
function _storageKey(k: unknown, file: string): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number' || typeof k === 'bigint' || typeof k === 'boolean' || k === null) return String(k);
  if (Array.isArray(k)) return _boundedJson(k, file, 'a key');
  throw new CheckpointError('malformed', file, 'a storage or state-dict key is not a string or number', { key: 'key', found: typeof k });
}

/** A non-negative integer count from a legacy persistent id. */
function _count(v: unknown, file: string, what: string): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new CheckpointError('malformed', file, `${what} is ${typeof v === 'number' || typeof v === 'bigint' ? String(v) : typeof v}, not a non-negative integer`, { key: what, found: typeof v });
  }
  return n;
}

function _hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
}
