import type { DeepLabConfig } from './deeplab-config.js';
import { deepLabWeightSpec } from './deeplab-weight-spec.js';
import { checkWeights } from '@ganseg/io';

/** A tensor as a checkpoint reader returns it (row-major, PyTorch layout). */
export interface NamedArray {
  shape: number[];
  data: ArrayLike<number>;
}

/** A backbone tensor in this package's layout, ready to assign. */
export interface MappedWeight {
  shape: number[];
  data: Float32Array;
}

/** torchvision keys that carry no backbone weight: the ImageNet classifier and BN step counters. */
function _ignored(name: string): boolean {
  return name.startsWith('fc.') || name.endsWith('.num_batches_tracked');
}

/** `[out, in, kh, kw]` → `[kh, kw, in, out]`. */
function _convToHwio(src: ArrayLike<number>, [o, i, kh, kw]: number[]): Float32Array {
  const dst = new Float32Array(o * i * kh * kw);
  for (let a = 0; a < o; a++) {
    for (let b = 0; b < i; b++) {
      for (let y = 0; y < kh; y++) {
        for (let x = 0; x < kw; x++) dst[((y * kw + x) * i + b) * o + a] = src[((a * i + b) * kh + y) * kw + x];
      }
    }
  }
  return dst;
}

/**
 * Maps a torchvision ResNet state dict (`conv1.weight`, `bn1.*`, `layer1.0.conv1.weight`, ...,
 * `downsample.0/.1`) onto DeepLab's backbone (`backbone.` + the same name), transposing
 * convolutions from `[out, in, kh, kw]` to `[kh, kw, in, out]`. Strict: every backbone tensor must
 * be there with its shape, and every key but `fc.*` and `*.num_batches_tracked` must have a place;
 * otherwise it throws one `WeightsMismatchError` (`@ganseg/io`'s `checkWeights`) naming all of them,
 * and non-finite values too. Entries without `data` are checked by name and shape only.
 *
 * @param state The state dict (a Map or a plain object), e.g. from `readTorchCheckpoint`.
 * @param config The network the backbone goes into (backbone depth, width, output stride).
 * @param file The source's name, for messages.
 * @returns The backbone tensors under DeepLab's names.
 * @example
 * ```ts
 * const state = await readTorchCheckpoint('resnet50-0676ba61.pth');
 * const weights = mapTorchvisionResNet(state, model.config, 'resnet50-0676ba61.pth');
 * ```
 */
export function mapTorchvisionResNet(
  state: Map<string, { shape: number[]; data?: ArrayLike<number> }> | Record<string, { shape: number[]; data?: ArrayLike<number> }>,
  config: DeepLabConfig,
  file = 'state dict',
): Map<string, MappedWeight> {
  const entries = (state instanceof Map ? [...state.entries()] : Object.entries(state)).filter(([key]) => !_ignored(key));
  const spec = deepLabWeightSpec(config).filter((e) => e.name.startsWith('backbone.'));
  // checked in torchvision's names and layout: `[out, in, kh, kw]` convolutions, no `backbone.`
  const expected = spec.map((e) => ({ name: e.name.slice('backbone.'.length), shape: e.kind === 'conv' ? [e.shape[3], e.shape[2], e.shape[0], e.shape[1]] : e.shape }));
  checkWeights(expected, new Map(entries.map(([key, t]) => [key, { shape: t.shape, values: t.data }])), {
    source: file,
    hint: `Expected a torchvision ${config.backbone} at width ${config.width}; check --backbone and --width.`,
  });
  const out = new Map<string, MappedWeight>();
  const byName = new Map(spec.map((e) => [e.name, e]));
  for (const [key, t] of entries) {
    const name = `backbone.${key}`;
    const e = byName.get(name)!;
    if (t.data) out.set(name, { shape: e.shape, data: e.kind === 'conv' ? _convToHwio(t.data, [...t.shape]) : Float32Array.from(t.data) });
  }
  return out;
}
