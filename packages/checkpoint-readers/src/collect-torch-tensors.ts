import type { WeightArray } from './weight-array.js';
import { _collect } from './_torch.js';

/**
 * Every tensor of a nested dict (Maps, as the unpickler builds them) of `TorchTensor`s, by dotted
 * name, gathered row-major into float32 with the checks `readTorchCheckpoint` makes (offsets,
 * sizes and strides inside their storage; no broadcast or self-overlapping views; the tensors at
 * most 8x their storages). Use it on the state of modules read by {@link unpickleTorchObjects}.
 *
 * @param tree nested Maps whose leaves are `TorchTensor`s (other leaves are ignored)
 * @param file the name used in errors
 * @returns name (`synthesis.b4.conv1.weight`, ...) -> {shape, dtype, data}
 * @example
 * ```ts
 * const sd = collectTorchTensors(new Map([['fc', new Map([['weight', tensor]])]]), 'snap.pkl');
 * sd['fc.weight'].shape;
 * ```
 */
export function collectTorchTensors(tree: Map<unknown, unknown>, file: string): Record<string, WeightArray> {
  return _collect(tree, file);
}
