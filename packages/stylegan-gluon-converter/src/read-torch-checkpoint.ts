import { readFile } from 'node:fs/promises';
import { CheckpointError } from './checkpoint-error.js';
import { _guard } from './_guard.js';
import { _parseTorch } from './_torch.js';
import type { WeightArray } from './_types.js';

/**
 * Reads a PyTorch checkpoint (`torch.save` of a state dict: the zip format of torch >= 1.6 or the
 * legacy format of older files such as torchvision's `vgg16-397923af.pth`) through the safe
 * unpickler. Tensors come back row-major as float32 (float16/bfloat16/float64/int64/... are
 * converted; `dtype` keeps the stored type); non-contiguous tensors are gathered. A wrapper key
 * common to all tensors (`state_dict.`, `model.`) is dropped.
 *
 * @param source a file path, or the file's bytes
 * @param file the name used in errors when `source` is bytes
 * @returns tensor name (`layer1.0.conv1.weight`, ...) -> {shape, dtype, data}
 * @example
 * ```ts
 * const sd = await readTorchCheckpoint('resnet18-f37072fd.pth');
 * sd['conv1.weight'].shape; // [64, 3, 7, 7]
 * ```
 */
export async function readTorchCheckpoint(source: string | Uint8Array, file?: string): Promise<Record<string, WeightArray>> {
  const name = typeof source === 'string' ? source : (file ?? '<bytes>');
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    try { bytes = await readFile(source); }
    catch (err) { throw new CheckpointError('io', name, `cannot read: ${(err as Error).message}`); }
  } else bytes = source;
  return _guard(name, () => _parseTorch(bytes, name));
}
