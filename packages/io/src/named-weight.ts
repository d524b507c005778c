/**
 * One float32 weight of a weights folder: its name, its shape and its values (row-major).
 *
 * @example
 * ```ts
 * const w: NamedWeight = { name: 'conv/bias', shape: [2], data: Float32Array.of(0, 1) };
 * ```
 */
export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}
