import { readTorchCheckpoint } from '@ganseg/checkpoint-readers';
import type { DeepLab } from './deep-lab.js';
import { mapTorchvisionResNet, type NamedArray } from './map-torchvision-resnet.js';
import { _assignWeights } from './_assign-weights.js';

/**
 * Loads an ImageNet-pretrained torchvision ResNet into a DeepLab's backbone: reads the `.pth`
 * (PyTorch's zip with a pickle inside, through `@ganseg/checkpoint-readers`' safe unpickler), maps names and
 * layouts with {@link mapTorchvisionResNet} (strict: missing, unexpected or mis-shaped keys fail
 * with a `WeightsMismatchError` naming them) and assigns them. ASPP and decoder are untouched.
 * A state dict already in memory can be passed instead of a path.
 *
 * @param model The network (its backbone depth and width must match the file).
 * @param source A `.pth` path, or a state dict (`name -> {shape, data}`).
 * @param options `allowNonFinite`: read a `.pth` holding NaN / Inf (refused by default, naming the tensor).
 * @returns The number of tensors loaded.
 * @example
 * ```ts
 * const model = createDeepLab({ numClasses: 21 });
 * await loadPretrainedBackbone(model, 'resnet50-0676ba61.pth');
 * ```
 */
export async function loadPretrainedBackbone(
  model: DeepLab,
  source: string | Record<string, NamedArray> | Map<string, NamedArray>,
  options: { allowNonFinite?: boolean } = {},
): Promise<number> {
  let state: Record<string, NamedArray> | Map<string, NamedArray>;
  const file = typeof source === 'string' ? source : 'state dict';
  if (typeof source === 'string') {
    state = await readTorchCheckpoint(source, undefined, { allowNonFinite: options.allowNonFinite });
  } else {
    state = source;
  }
  const mapped = mapTorchvisionResNet(state, model.config, file);
  _assignWeights(model, mapped);
  return mapped.size;
}
