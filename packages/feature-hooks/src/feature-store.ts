import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _fromHalf, _toHalf } from './_f16.js';

/** One stored feature map: its shape [H, W, C] and values (float32, row-major HWC). */
export interface StoredMap {
  shape: [number, number, number];
  data: Float32Array;
}

/** Options of {@link FeatureStore}. */
export interface FeatureStoreOptions {
  /** Bytes kept in memory; samples past it go to disk. Default 1 GiB. */
  budgetBytes?: number;
  /** Storage precision; float16 halves the bytes (values are rounded). Default 'float32'. */
  dtype?: 'float32' | 'float16';
  /** Folder for the samples past the budget; default a new folder under the OS temp dir. */
  dir?: string;
}

interface _Entry {
  shapes: [number, number, number][];
  mem: (Float32Array | Uint16Array)[] | null;
  file: string | null;
  bytes: number;
}

/**
 * Keeps captured features per sample in memory up to a budget and streams the rest to disk, one
 * raw `.bin` file a sample (the maps' values concatenated, float32 or float16, little-endian).
 * Holds plain typed arrays, never tensors, so it cannot leak tensors.
 *
 * @example
 * ```ts
 * const store = new FeatureStore({ budgetBytes: 512 * 2 ** 20, dtype: 'float16' });
 * await store.put('s0000', [{ shape: [16, 16, 32], data }]);
 * const maps = await store.get('s0000');
 * await store.clear();
 * ```
 */
export class FeatureStore {
  readonly budgetBytes: number;
  readonly dtype: 'float32' | 'float16';
  private _dir: string | null;
  private _ownDir: boolean;
  private _entries = new Map<string, _Entry>();
  private _memBytes = 0;
  private _diskBytes = 0;

  /** @param options Budget, precision and spill folder. */
  constructor(options: FeatureStoreOptions = {}) {
    this.budgetBytes = options.budgetBytes ?? 2 ** 30;
    this.dtype = options.dtype ?? 'float32';
    this._dir = options.dir ?? null;
    this._ownDir = options.dir === undefined;
  }

  /** Bytes held in memory now. */
  get bytesInMemory(): number {
    return this._memBytes;
  }

  /** Bytes written to disk now. */
  get bytesOnDisk(): number {
    return this._diskBytes;
  }

  /** Ids stored, in insertion order. */
  ids(): string[] {
    return [...this._entries.keys()];
  }

  /** Whether `id` is stored. */
  has(id: string): boolean {
    return this._entries.has(id);
  }

  /** Whether `id` lives on disk (past the memory budget). */
  isOnDisk(id: string): boolean {
    return this._entries.get(id)?.file != null;
  }

  /**
   * Stores one sample's maps (replacing what `id` had).
   *
   * @param id Sample id (used as the file name on disk).
   * @param maps The maps; their data are copied.
   */
  async put(id: string, maps: StoredMap[]): Promise<void> {
    await this.delete(id);
    const arrays = maps.map((m) => {
      const n = m.shape[0] * m.shape[1] * m.shape[2];
      if (m.data.length !== n) throw new Error(`FeatureStore.put("${id}"): a map of shape [${m.shape}] has ${m.data.length} values; expected ${n}.`);
      return this.dtype === 'float16' ? _toHalf(m.data) : Float32Array.from(m.data);
    });
    const bytes = arrays.reduce((s, a) => s + a.byteLength, 0);
    const shapes = maps.map((m) => [...m.shape] as [number, number, number]);
    if (this._memBytes + bytes <= this.budgetBytes) {
      this._entries.set(id, { shapes, mem: arrays, file: null, bytes });
      this._memBytes += bytes;
      return;
    }
    const dir = await this._ensureDir();
    const file = path.join(dir, `${id}.bin`);
    const tmp = `${file}.tmp-${process.pid}`;
    const fh = await fs.open(tmp, 'w');
    try {
      for (const a of arrays) await fh.write(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
    this._entries.set(id, { shapes, mem: null, file, bytes });
    this._diskBytes += bytes;
  }

  /**
   * Reads one sample's maps back as float32.
   *
   * @param id Sample id.
   * @returns The maps in the order they were put.
   */
  async get(id: string): Promise<StoredMap[]> {
    const e = this._entries.get(id);
    if (!e) throw new Error(`FeatureStore.get("${id}"): no such sample; stored: ${this.ids().slice(0, 10).join(', ')}${this._entries.size > 10 ? ', ...' : ''}.`);
    let arrays = e.mem;
    if (!arrays) {
      const buf = await fs.readFile(e.file as string);
      arrays = [];
      let off = 0;
      for (const [h, w, c] of e.shapes) {
        const n = h * w * c;
        const bpv = this.dtype === 'float16' ? 2 : 4;
        const bytes = new Uint8Array(n * bpv);
        bytes.set(buf.subarray(off, off + n * bpv));
        arrays.push(this.dtype === 'float16' ? new Uint16Array(bytes.buffer) : new Float32Array(bytes.buffer));
        off += n * bpv;
      }
    }
    return e.shapes.map((shape, i) => {
      const a = (arrays as (Float32Array | Uint16Array)[])[i];
      return { shape: [...shape] as [number, number, number], data: a instanceof Uint16Array ? _fromHalf(a) : a };
    });
  }

  /** Removes one sample (its file too). */
  async delete(id: string): Promise<void> {
    const e = this._entries.get(id);
    if (!e) return;
    this._entries.delete(id);
    if (e.file) {
      this._diskBytes -= e.bytes;
      await fs.rm(e.file, { force: true });
    } else {
      this._memBytes -= e.bytes;
    }
  }

  /** Removes everything, and the spill folder when the store made it. */
  async clear(): Promise<void> {
    for (const id of this.ids()) await this.delete(id);
    if (this._ownDir && this._dir) {
      await fs.rm(this._dir, { recursive: true, force: true });
      this._dir = null;
    }
  }

  private async _ensureDir(): Promise<string> {
    if (!this._dir) this._dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ganseg-features-'));
    else await fs.mkdir(this._dir, { recursive: true });
    return this._dir;
  }
}
