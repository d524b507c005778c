import { DeepLabConfigError } from './deeplab-config-error.js';

/** The ResNet depths DeepLab can use as a backbone. */
export type Backbone = 'resnet18' | 'resnet34' | 'resnet50' | 'resnet101';

/** The architecture of a DeepLabV3+ network (what `model.json` stores as `config`). */
export interface DeepLabConfig {
  /** ResNet depth, torchvision layout. */
  backbone: Backbone;
  /** Channel multiplier on every layer (1 = the published widths). */
  width: number;
  /** 16 (dilation in layer4) or 8 (dilation in layer3 and layer4). */
  outputStride: 8 | 16;
  /** Number of classes the head predicts. */
  numClasses: number;
}

/** How a ResNet depth is built. */
export interface _BackboneLayout {
  block: 'basic' | 'bottleneck';
  blocks: [number, number, number, number];
  expansion: number;
}

/** @internal */
export const _LAYOUTS: Record<Backbone, _BackboneLayout> = {
  resnet18: { block: 'basic', blocks: [2, 2, 2, 2], expansion: 1 },
  resnet34: { block: 'basic', blocks: [3, 4, 6, 3], expansion: 1 },
  resnet50: { block: 'bottleneck', blocks: [3, 4, 6, 3], expansion: 4 },
  resnet101: { block: 'bottleneck', blocks: [3, 4, 23, 3], expansion: 4 },
};

/** A channel count scaled by the width multiplier: `max(1, round(c * width))`. @internal */
export function _ch(c: number, width: number): number {
  return Math.max(1, Math.round(c * width));
}

/**
 * Fills in the defaults of a DeepLabV3+ configuration and checks it.
 *
 * @param config Partial configuration; `numClasses` is required.
 * @returns The full configuration (resnet50, width 1, output stride 16 unless given).
 * @example
 * ```ts
 * const cfg = resolveDeepLabConfig({ numClasses: 3, backbone: 'resnet18', width: 0.25 });
 * ```
 */
export function resolveDeepLabConfig(config: Partial<DeepLabConfig> & { numClasses: number }): DeepLabConfig {
  const out: DeepLabConfig = {
    backbone: config.backbone ?? 'resnet50',
    width: config.width ?? 1,
    outputStride: config.outputStride ?? 16,
    numClasses: config.numClasses,
  };
  if (!(out.backbone in _LAYOUTS)) {
    throw new DeepLabConfigError(`backbone "${out.backbone}": expected one of ${Object.keys(_LAYOUTS).join(', ')}.`);
  }
  if (!(out.width > 0 && out.width <= 4)) throw new DeepLabConfigError(`width ${out.width}: expected a number in (0, 4].`);
  if (out.outputStride !== 8 && out.outputStride !== 16) {
    throw new DeepLabConfigError(`outputStride ${out.outputStride}: expected 8 or 16.`);
  }
  if (!(Number.isInteger(out.numClasses) && out.numClasses >= 1 && out.numClasses <= 255)) {
    throw new DeepLabConfigError(`numClasses ${out.numClasses}: expected an integer in [1, 255] (255 is the ignore label).`);
  }
  return out;
}
