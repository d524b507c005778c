import { readCheckpointBytes } from './read-checkpoint-bytes.js';
import { guardCheckpointRead } from './guard-checkpoint-read.js';
import { _parseMxnet } from './_mxnet.js';
import type { WeightArray } from './weight-array.js';

/**
 * Reads MXNet's NDArray-list file (`mx.nd.save`, Gluon `save_parameters` / `save_params`): the
 * 0x112 list header, then each array in the V2 (0xF993fac9), V1 (0xF993fac8) or legacy layout
 * (shape, context, type flag, data), then the names (`arg:`/`aux:` prefixes dropped). Arrays come
 * back in MXNet's own layout (NCHW, out-in-kh-kw), as float32.
 *
 * @param source a file path, or the file's bytes
 * @param file the name used in errors when `source` is bytes
 * @returns name -> {shape, dtype, data}
 * @example
 * ```ts
 * const p = await readMxnetParams('stylegan-ffhq.params');
 * p['mapping.1.weight'].shape; // [512, 512]
 * ```
 */
export async function readMxnetParams(source: string | Uint8Array, file?: string): Promise<Record<string, WeightArray>> {
  const { file: name, bytes } = await readCheckpointBytes(source, file);
  return guardCheckpointRead(name, () => _parseMxnet(bytes, name));
}
