import { CheckpointError } from './checkpoint-error.js';
import { readCheckpointBytes } from './read-checkpoint-bytes.js';
import { guardCheckpointRead } from './guard-checkpoint-read.js';
import { _parseTorch } from './_torch.js';
import type { WeightArray } from './weight-array.js';

/** Options of {@link readTorchCheckpoint}. */
export interface ReadTorchOptions {
  /** Accept tensors holding NaN or Inf (refused by default, naming the tensor). */
  allowNonFinite?: boolean;
}

/**
 * Reads a PyTorch checkpoint (`torch.save` of a state dict: the zip format of torch >= 1.6 or the
 * legacy format of older files such as torchvision's `vgg16-397923af.pth`) through the safe
 * unpickler. Tensors come back row-major as float32 (float16/bfloat16/float64/int64/... are
 * converted; `dtype` keeps the stored type); non-contiguous tensors are gathered. A wrapper key
 * common to all tensors (`state_dict.`, `model.`) is dropped.
 *
 * Hostile files are refused before they cost memory: zip entries are read only when a tensor
 * needs them, overlapping or over-declared entries are refused, offsets, sizes and strides must be
 * non-negative integers inside their storage (as `torch.load` checks), broadcast (zero-stride) and
 * self-overlapping views are refused, and a tensor holding NaN or Inf is a `non-finite` error
 * naming it unless `allowNonFinite`.
 *
 * @param source a file path, or the file's bytes
 * @param file the name used in errors when `source` is bytes
 * @param options `allowNonFinite`
 * @returns tensor name (`layer1.0.conv1.weight`, ...) -> {shape, dtype, data}
 * @example
 * ```ts
 * const sd = await readTorchCheckpoint('resnet18-f37072fd.pth');
 * sd['conv1.weight'].shape; // [64, 3, 7, 7]
 * ```
 */
export async function readTorchCheckpoint(source: string | Uint8Array, file?: string, options: ReadTorchOptions = {}): Promise<Record<string, WeightArray>> {
  const { file: name, bytes } = await readCheckpointBytes(source, file);
  const sd = guardCheckpointRead(name, () => _parseTorch(bytes, name));
  if (!options.allowNonFinite) {
    for (const [key, t] of Object.entries(sd)) {
      let bad = 0;
      let first = -1;
      for (let i = 0; i < t.data.length; i++) if (!Number.isFinite(t.data[i])) { bad++; if (first < 0) first = i; }
      if (bad) {
        throw new CheckpointError('non-finite', name,
          `tensor ${key} holds ${bad} NaN/Inf value(s) (first at flat index ${first}: ${t.data[first]}); the checkpoint is damaged or diverged (allowNonFinite reads it anyway)`,
          { key, expected: 'finite values', found: `${bad} non-finite` });
      }
    }
  }
  return sd;
}
