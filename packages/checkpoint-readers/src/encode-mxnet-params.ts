import { _encodeMxnet } from './_mxnet.js';
import type { WeightArray } from './weight-array.js';

/**
 * Encodes named arrays in MXNet's NDArray-list byte layout (what `mx.nd.save` writes: 0x112 list
 * header, V2 arrays, dense, cpu(0), float32, then the names), readable by Gluon's
 * `load_parameters` and by {@link readMxnetParams}. Arrays must already be in MXNet layouts.
 *
 * @param arrays name -> {shape, data}, written in key order
 * @returns the file's bytes
 * @example
 * ```ts
 * writeFileSync('x.params', encodeMxnetParams({ w: { shape: [2], dtype: 'float32', data: Float32Array.of(1, 2) } }));
 * ```
 */
export function encodeMxnetParams(arrays: Record<string, WeightArray>): Uint8Array {
  return _encodeMxnet(arrays);
}
