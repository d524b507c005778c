/**
 * One array read from a checkpoint: row-major data converted to float32, and its original dtype.
 *
 * @example
 * ```ts
 * const w: WeightArray = { shape: [2], dtype: 'float16', data: Float32Array.of(1, -2) };
 * ```
 */
export interface WeightArray {
  shape: number[];
  /** The dtype as stored (`float32`, `float16`, `float64`, `int64`, `int32`, `uint8`, ...). */
  dtype: string;
  data: Float32Array;
}
