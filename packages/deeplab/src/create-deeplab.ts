import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@ganseg/runtime';
import { resolveDeepLabConfig, type DeepLabConfig } from './deeplab-config.js';
import { deepLabWeightSpec } from './deeplab-weight-spec.js';
import { paletteColor, type ClassInfo } from '@ganseg/formats';
import { DeepLab } from './deep-lab.js';

/** Options of {@link createDeepLab}. */
export interface CreateDeepLabOptions {
  /** Seed of the initialisation (default 0). */
  seed?: number;
  /** Class names and colours; default `class0..` with a fixed palette. */
  classes?: ClassInfo[];
}

/** A fixed palette for classes without colours (PASCAL VOC's first colours). @internal */
export function _defaultClasses(n: number): ClassInfo[] {
  return Array.from({ length: n }, (_, i) => ({ name: `class${i}`, color: paletteColor(i) }));
}

/**
 * A new DeepLabV3+ with torchvision's initialisation (Kaiming normal, fan-out, for convolutions;
 * batch-norm scale 1, shift 0, running mean 0 and variance 1), drawn from a seeded stream so the
 * same seed gives the same network on every backend.
 *
 * @param config The architecture; only `numClasses` is required (resnet50, width 1, OS 16).
 * @param options Seed and class names.
 * @returns The network; `dispose()` it when done.
 * @example
 * ```ts
 * const model = createDeepLab({ numClasses: 3, backbone: 'resnet18', width: 0.25 }, { seed: 1 });
 * ```
 */
export function createDeepLab(config: Partial<DeepLabConfig> & { numClasses: number }, options: CreateDeepLabOptions = {}): DeepLab {
  const cfg = resolveDeepLabConfig(config);
  const rng = createRng(options.seed ?? 0);
  const weights = new Map<string, tf.Variable>();
  for (const e of deepLabWeightSpec(cfg)) {
    const size = e.shape.reduce((a, b) => a * b, 1);
    let data: Float32Array;
    if (e.kind === 'conv') {
      const std = Math.sqrt(2 / (e.shape[0] * e.shape[1] * e.shape[3]));
      data = rng.normalArray(size).map((v) => v * std);
    } else if (e.kind === 'bn-weight' || e.kind === 'bn-var') {
      data = new Float32Array(size).fill(1);
    } else {
      data = new Float32Array(size);
    }
    weights.set(e.name, tf.tidy(() => tf.variable(tf.tensor(data, e.shape), e.trainable)));
  }
  const classes = options.classes ?? _defaultClasses(cfg.numClasses);
  if (classes.length !== cfg.numClasses) throw new Error(`createDeepLab: ${classes.length} classes given for numClasses ${cfg.numClasses}`);
  return new DeepLab(cfg, classes, weights);
}
