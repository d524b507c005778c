/** Plain-data values the safe unpickler builds. Nothing here runs code from the file. */

/** A reference to an allow-listed global (a class or function name), never resolved to code. */
export class _PyGlobal {
  constructor(readonly name: string) {}
}

/** An instance of an allow-listed class: its constructor args and its BUILD state, as data. */
export class _PyObject {
  state: unknown = undefined;
  constructor(readonly className: string, readonly args: unknown[]) {}
}

/** A numpy dtype: the element type and byte order. */
export class _PyDtype {
  bigEndian = false;
  constructor(readonly name: string) {}
}

/** A numpy array, data converted to float32 (dtype keeps the stored type). */
export class _NdArray {
  shape: number[] = [];
  dtype = 'float32';
  data: Float32Array = new Float32Array(0);
  built = false;
}

/** A torch storage handed out by the persistent-id loader. */
export class _TorchStorage {
  /** Filled when the bytes are read (legacy files store them after the pickle). */
  data: Float32Array | null = null;
  constructor(
    readonly dtype: string,
    readonly key: string,
    readonly numel: number,
    /** For legacy views: the storage this one is a view of, and the element offset into it. */
    readonly root: _TorchStorage | null = null,
    readonly viewOffset = 0,
  ) {}
}

/** A torch tensor: a strided view of a storage. */
export class _TorchTensor {
  constructor(
    readonly storage: _TorchStorage,
    readonly offset: number,
    readonly shape: number[],
    readonly stride: number[],
  ) {}
}

/** A Python tuple (kept apart from lists only where it matters: persistent ids, ndarray state). */
export type _PyTuple = unknown[];
