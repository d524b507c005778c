/**
 * Plain-data values the safe unpickler builds. Nothing here runs code from the file.
 *
 * @example
 * ```ts
 * const v = unpickle(bytes, { file: 'ffhq.pkl' }).value;
 * if (v instanceof PyObject && v.className === 'dnnlib.tflib.network.Network') console.log(v.state);
 * ```
 */

/** A reference to an allow-listed global (a class or function name), never resolved to code. */
export class PyGlobal {
  constructor(readonly name: string) {}
}

/** An instance of an allow-listed class: its constructor args and its BUILD state, as data. */
export class PyObject {
  state: unknown = undefined;
  constructor(readonly className: string, readonly args: unknown[]) {}
}

/** A numpy dtype: the element type and byte order. */
export class PyDtype {
  bigEndian = false;
  constructor(readonly name: string) {}
}

/** A numpy array, data converted to float32 (dtype keeps the stored type). */
export class NdArray {
  shape: number[] = [];
  dtype = 'float32';
  data: Float32Array = new Float32Array(0);
  built = false;
}

/** A torch storage handed out by the persistent-id loader. */
export class TorchStorage {
  /** Filled when the bytes are read (legacy files store them after the pickle). */
  data: Float32Array | null = null;
  constructor(
    readonly dtype: string,
    readonly key: string,
    readonly numel: number,
    /** For legacy views: the storage this one is a view of, and the element offset into it. */
    readonly root: TorchStorage | null = null,
    readonly viewOffset = 0,
  ) {}
}

/** A torch tensor: a strided view of a storage. */
export class TorchTensor {
  constructor(
    readonly storage: TorchStorage,
    readonly offset: number,
    readonly shape: number[],
    readonly stride: number[],
  ) {}
}

/** A Python tuple (kept apart from lists only where it matters: persistent ids, ndarray state). */
export type _PyTuple = unknown[];
