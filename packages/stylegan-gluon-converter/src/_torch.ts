import { CheckpointError } from './checkpoint-error.js';
import { _ByteReader, _dtypeSize, _numel, _toFloat32 } from './_bytes.js';
import { _PyGlobal, _TorchStorage, _TorchTensor } from './_pickle-values.js';
import { readZip } from './read-zip.js';
import { unpickle, _TORCH_STORAGES } from './unpickle.js';
import type { WeightArray } from './_types.js';

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

/** Parses a PyTorch checkpoint (zip format of torch >= 1.6, or the legacy pickle stream). */
export function _parseTorch(bytes: Uint8Array, file: string): Record<string, WeightArray> {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) return _parseZip(bytes, file);
  if (bytes.length >= 2 && bytes[0] === 0x80) return _parseLegacy(bytes, file);
  throw new CheckpointError('bad-magic', file, 'not a PyTorch checkpoint: it starts with neither a zip header (PK) nor a pickle (0x80)',
    { expected: 'PK or 0x80', found: _hex(bytes.subarray(0, 4)) });
}

function _storageDtype(g: unknown, file: string): string {
  const name = g instanceof _PyGlobal ? g.name.replace(/^torch\./, '') : '';
  const dt = _TORCH_STORAGES[name];
  if (!dt) throw new CheckpointError('malformed', file, `persistent id names storage type ${String(name || g)}, not a torch storage`, { key: String(name) });
  return dt;
}

function _parseZip(bytes: Uint8Array, file: string): Record<string, WeightArray> {
  const entries = readZip(bytes, file);
  const pklName = [...entries.keys()].find((k) => k === 'data.pkl' || /^[^/]+\/data\.pkl$/.test(k));
  if (!pklName) throw new CheckpointError('malformed', file, 'zip archive has no <name>/data.pkl; it is not a PyTorch checkpoint', { key: 'data.pkl' });
  const prefix = pklName.slice(0, pklName.length - 'data.pkl'.length);
  const storages = new Map<string, _TorchStorage>();
  const { value } = unpickle(entries.get(pklName)!, {
    file,
    persistentLoad: (pid) => {
      if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) throw new CheckpointError('malformed', file, 'persistent id is not a torch storage record', { key: 'BINPERSID' });
      const dtype = _storageDtype(pid[1], file);
      const key = String(pid[2]);
      const have = storages.get(key);
      if (have) return have;
      const raw = entries.get(`${prefix}data/${key}`);
      if (!raw) throw new CheckpointError('malformed', file, `storage ${key} is missing from the archive (${prefix}data/${key})`, { key: `data/${key}` });
      const size = _dtypeSize(dtype, file, `storage ${key}`);
      const numel = Math.floor(raw.length / size);
      const s = new _TorchStorage(dtype, key, numel);
      s.data = _toFloat32(raw, dtype, numel, file, `storage ${key}`);
      storages.set(key, s);
      return s;
    },
  });
  return _collect(value, file);
}

function _parseLegacy(bytes: Uint8Array, file: string): Record<string, WeightArray> {
  let pos = 0;
  const magic = unpickle(bytes, { file, offset: pos });
  if (magic.value !== LEGACY_MAGIC) {
    throw new CheckpointError('bad-magic', file, 'pickle stream does not start with the PyTorch legacy magic number', { expected: '0x1950a86a20f9469cfc6c', found: String(magic.value).slice(0, 40) });
  }
  pos = magic.end;
  pos = unpickle(bytes, { file, offset: pos }).end; // protocol version
  const sysInfo = unpickle(bytes, { file, offset: pos });
  pos = sysInfo.end;
  if (sysInfo.value instanceof Map && sysInfo.value.get('little_endian') === false) {
    throw new CheckpointError('malformed', file, 'big-endian legacy PyTorch checkpoints are not supported', { key: 'sys_info.little_endian' });
  }
  const storages = new Map<string, _TorchStorage>();
  const main = unpickle(bytes, {
    file,
    offset: pos,
    persistentLoad: (pid) => {
      if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) throw new CheckpointError('malformed', file, 'persistent id is not a torch storage record', { key: 'BINPERSID' });
      const dtype = _storageDtype(pid[1], file);
      const key = String(pid[2]);
      const numel = Number(pid[4]);
      let root = storages.get(key);
      if (!root) { root = new _TorchStorage(dtype, key, numel); storages.set(key, root); }
      const view = pid[5];
      if (Array.isArray(view) && view.length >= 3) return new _TorchStorage(dtype, String(view[0]), Number(view[2]), root, Number(view[1]));
      return root;
    },
  });
  pos = main.end;
  const keys = unpickle(bytes, { file, offset: pos });
  pos = keys.end;
  if (!Array.isArray(keys.value)) throw new CheckpointError('malformed', file, 'legacy storage key list is not a list', { key: 'storage keys' });
  const r = new _ByteReader(bytes, file, pos);
  for (const k of keys.value) {
    const s = storages.get(String(k));
    if (!s) throw new CheckpointError('malformed', file, `storage ${String(k)} is listed but never used`, { key: `storage ${String(k)}` });
    const n = r.i64(`size of storage ${s.key}`);
    const size = _dtypeSize(s.dtype, file, `storage ${s.key}`);
    _numel([n], file, `storage ${s.key}`);
    s.data = _toFloat32(r.take(n * size, `data of storage ${s.key}`), s.dtype, n, file, `storage ${s.key}`);
  }
  return _collect(main.value, file);
}

function _collect(value: unknown, file: string): Record<string, WeightArray> {
  const out: Record<string, WeightArray> = {};
  const seen = new Set<unknown>();
  const walk = (v: unknown, prefix: string, depth: number): void => {
    if (v instanceof _TorchTensor) { out[prefix] = _materialize(v, file, prefix); return; }
    if (v instanceof Map) {
      if (seen.has(v) || depth > 32) throw new CheckpointError('malformed', file, `the state dict nests too deep or contains itself at ${prefix || 'the top'}`, { key: prefix });
      seen.add(v);
      for (const [k, x] of v) walk(x, prefix ? `${prefix}.${String(k)}` : String(k), depth + 1);
    }
  };
  walk(value, '', 0);
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

function _materialize(t: _TorchTensor, file: string, key: string): WeightArray {
  let s = t.storage;
  let base = t.offset;
  if (s.root) { base += s.viewOffset; s = s.root; }
  const data = s.data;
  if (!data) throw new CheckpointError('malformed', file, `tensor ${key} refers to storage ${s.key}, whose data never came`, { key });
  const n = _numel(t.shape, file, key);
  if (n > Math.max(data.length, 1 << 24)) {
    throw new CheckpointError('malformed', file, `tensor ${key} of shape [${t.shape.join(', ')}] is far larger than its storage (${data.length} elements)`, { key, found: `[${t.shape.join(', ')}]` });
  }
  let last = base;
  for (let i = 0; i < t.shape.length; i++) if (t.shape[i] > 0) last += (t.shape[i] - 1) * t.stride[i];
  if (n > 0 && (base < 0 || last >= data.length || t.stride.some((x) => x < 0))) {
    throw new CheckpointError('malformed', file, `tensor ${key} of shape [${t.shape.join(', ')}] reaches past its storage (${data.length} elements)`,
      { key, expected: `< ${data.length}`, found: String(last) });
  }
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

function _hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
}
