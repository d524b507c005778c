import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec } from '@ganseg/feature-hooks';
import type { ClassInfo } from '@ganseg/formats';
import type { DecoderConfig } from './decoder-config.js';
import { _countParams, type _Params } from './_layers.js';

/**
 * A trained (or freshly initialised) decoder: its architecture, classes, the feature choice it
 * reads, and the parameters of each ensemble member. Made by `trainDecoder` or `loadDecoder`;
 * used by `predictMask`. Owns its variables: call `dispose()`.
 *
 * @example
 * ```ts
 * const dec = await loadDecoder('runs/decoder');
 * const acts = gen.synthesis(wplus, { capture: dec.captureNames() }).activations;
 * const [pred] = predictMask(dec, acts);
 * dec.dispose();
 * ```
 */
export class Decoder {
  /** `'conv'` (the paper's decoder) or `'mlp'` (per-pixel ensemble). */
  readonly arch: 'conv' | 'mlp';
  /** The architecture. */
  readonly config: DecoderConfig;
  /** Classes; index = class id. */
  readonly classes: ClassInfo[];
  /** The feature choice the decoder reads (layers, resize, size). */
  readonly spec: Required<Pick<FeatureSpec, 'layers' | 'resize' | 'size'>>;
  /** One parameter record a member. */
  readonly members: _Params[];
  /** Hash of the generator it was trained on (see `hashGenerator`), when known. */
  generatorHash: string | null = null;
  /** sha256 of the saved weights.bin, when loaded from or saved to disk. */
  weightsHash: string | null = null;

  /**
   * @param config Architecture.
   * @param classes Classes.
   * @param members Parameters of each member (taken over: the decoder disposes them).
   */
  constructor(config: DecoderConfig, classes: ClassInfo[], members: _Params[]) {
    this.arch = config.arch;
    this.config = config;
    this.classes = classes;
    this.members = members;
    this.spec = {
      layers: config.levels.map((l) => l.name),
      resize: config.arch === 'conv' ? 'native' : 'bilinear',
      size: config.size,
    };
  }

  /** The activation names to pass as `capture` to the generator's synthesis. */
  captureNames(): string[] {
    return [...this.spec.layers];
  }

  /** Trainable values in one member. */
  numParams(): number {
    return _countParams(this.members[0]);
  }

  /** Releases every variable. */
  dispose(): void {
    for (const m of this.members) for (const v of Object.values(m)) v.dispose();
    this.members.length = 0;
  }
}

/** Variables of a member, in a stable order (for saving). */
export function _memberEntries(p: _Params): [string, tf.Variable][] {
  return Object.keys(p).sort().map((k) => [k, p[k]]);
}
