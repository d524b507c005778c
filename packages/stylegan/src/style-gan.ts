import * as tf from '@tensorflow/tfjs-core';
import { createRng, upsampleConv3x3 } from '@ganseg/runtime';
import { styleEpilogue } from '@ganseg/native';
import type { StyleGANConfig } from './create-config.js';
import { createConfig } from './create-config.js';
import { weightSpec } from './weight-spec.js';
import { checkWeights } from '@ganseg/io';
import { _layers, _numStyles, type _Layer, type _PreparedConv } from './_arch.js';
import { defaultCutoff } from './default-cutoff.js';
import { _prepare2, _synthesis2, type _Prepared2 } from './_synthesis2.js';
import { _flipKernel } from './_ops.js';
import { blur2d } from './blur-2d.js';
import { activationShapes } from './activation-shapes.js';

/** Options of {@link StyleGAN.synthesis}. */
export interface SynthesisOptions {
  /**
   * One tensor a noise input, [N or 1, res, res, 1] (v1: numLayers, v2: numLayers - 1, as
   * `noiseFromSeed`); default the stored `G_synthesis/noise{i}` buffers.
   */
  noise?: tf.Tensor4D[];
  /** Activation names to return (see {@link StyleGAN.activationNames}). */
  capture?: string[];
}

/** What {@link StyleGAN.synthesis} returns; the caller disposes every tensor. */
export interface SynthesisResult {
  /**
   * The image, NHWC [N, R - crop.top - crop.bottom, R, numChannels], values in about [-1, 1]
   * (the activation `'image'`, when captured, is the uncropped [N, R, R, numChannels]).
   */
  image: tf.Tensor4D;
  /** The captured activations by name, NHWC. */
  activations: Record<string, tf.Tensor4D>;
}

/** Options of {@link StyleGAN.generate}. */
export interface GenerateOptions {
  /** Latents [N, latentSize]. */
  z: tf.Tensor2D;
  /** Truncation psi (1 = none, the default). */
  truncation?: number;
  /** Layers with index < cutoff are truncated (default: v1 8, v2 every layer, as official). */
  cutoff?: number;
  /** Noise maps, as in {@link SynthesisOptions.noise}. */
  noise?: tf.Tensor4D[];
  /** Activation names to return. */
  capture?: string[];
  /** Second latents [N, latentSize] for style mixing: layers >= mixLayer take their w. */
  mixZ?: tf.Tensor2D;
  /** First layer that takes mixZ's style (0..numLayers); default numLayers / 2. */
  mixLayer?: number;
}

/** What {@link StyleGAN.generate} returns; the caller disposes every tensor. */
export interface GenerateResult extends SynthesisResult {
  /** The W+ latents the image was made from [N, numLayers, dlatentSize]. */
  wplus: tf.Tensor3D;
}

/**
 * A v1 layer: kernel is the scaled 3x3 kernel (flipped for fused upsampling layers, which
 * upsampleConv3x3 then computes exactly); styleW is [D, 2C] and styleB has +1 on the scale half.
 */
interface _PreparedLayer extends _PreparedConv {
  /** const layer: const + bias, NHWC [1, 4, 4, C]. */
  constant: tf.Tensor4D | null;
  bias: tf.Tensor1D;
  noiseWeight: tf.Tensor1D;
}

interface _Prepared {
  mapW: tf.Tensor2D[];
  mapB: tf.Tensor1D[];
  dlatentAvg: tf.Tensor1D;
  /** v1 synthesis (empty for v2). */
  layers: _PreparedLayer[];
  rgbW: tf.Tensor4D | null;
  rgbB: tf.Tensor1D | null;
  /** v2 synthesis (null for v1). */
  v2: _Prepared2 | null;
}

const _SQRT2 = Math.SQRT2;

/**
 * The StyleGAN generator in TensorFlow.js, NHWC: v1 (official NVIDIA architecture,
 * `structure='fixed'`) or, with `config.architecture === 'stylegan2'`, StyleGAN2 (config-f family,
 * skip generator: modulated and demodulated 3x3 convs, per-layer noise strength, ToRGB at every
 * resolution summed through the [1,3,3,1] upsampling filter). Weights carry the official names and
 * TF shapes ({@link weightSpec}); the equalised-learning-rate scale (gain / sqrt(fan_in) * lrmul) is
 * applied once at construction. The forward pass returns the image and the activations asked for
 * by name; the names are the same for both versions.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createConfig, StyleGAN, latentFromSeed } from '@ganseg/stylegan';
 * const gen = StyleGAN.random(createConfig({ resolution: 32, latentSize: 32, dlatentSize: 32, mappingFmaps: 32, fmapBase: 128, fmapMax: 32 }), 0);
 * const z = tf.tensor2d(latentFromSeed(1, 32), [1, 32]);
 * const { image, activations, wplus } = gen.generate({ z, truncation: 0.7, capture: ['16x16'] });
 * ```
 */
export class StyleGAN {
  /** The architecture. */
  readonly config: StyleGANConfig;
  /** Number of synthesis layers (= number of W+ styles), 2 log2(resolution) - 2. */
  readonly numLayers: number;
  /** The raw variables, official names and TF shapes (owned by this generator unless made with `share`). */
  readonly weights: Record<string, tf.Tensor>;
  /** The weights this generator frees (all of them, or with `share` those it had to cast). */
  private readonly _ownedWeights: tf.Tensor[];
  private readonly _p: _Prepared;
  private readonly _names: string[];
  /** Resolution of each noise input. */
  private readonly _noiseRes: number[];
  private _disposed = false;

  private constructor(config: StyleGANConfig, weights: Record<string, tf.Tensor>, ownedWeights?: tf.Tensor[]) {
    this.config = config;
    this.weights = weights;
    this._ownedWeights = ownedWeights ?? Object.values(weights);
    const layers = _layers(config);
    this.numLayers = _numStyles(config);
    this._noiseRes = layers.map((l) => l.res);
    this._names = Object.keys(activationShapes(config));
    this._p = tf.tidy(() => _prepare(config, weights, layers) as unknown as tf.TensorContainer) as unknown as _Prepared;
  }

  /**
   * A generator from named weights. Strict: every weight of {@link weightSpec} must be there with
   * its exact shape, and nothing else. The tensors are cloned (the caller keeps ownership of its
   * own), unless `share`: then the generator uses the caller's float32 tensors themselves (a
   * training step that rebuilds the generator from its variables saves a clone a weight, and a
   * gradient op a weight), the caller keeps them alive as long as the generator, and `dispose()`
   * frees only what the generator made.
   *
   * @param config The architecture.
   * @param weights Official names to tensors (TF layouts).
   * @param source A file name to put in errors.
   * @param share Use the caller's tensors instead of clones (default false).
   * @returns The generator.
   * @throws WeightsMismatchError (`@ganseg/io`) listing every missing, unexpected and mis-shaped key.
   * @example
   * ```ts
   * const gen = StyleGAN.fromWeights(config, weights);
   * ```
   */
  static fromWeights(config: StyleGANConfig, weights: Record<string, tf.Tensor>, source?: string, share = false): StyleGAN {
    const cfg = createConfig(config, source);
    const spec = weightSpec(cfg);
    checkWeights(spec, weights, { source: source ?? 'StyleGAN.fromWeights', against: 'the StyleGAN weight spec' });
    const used: Record<string, tf.Tensor> = {};
    const owned: tf.Tensor[] = [];
    for (const e of spec) {
      const t = weights[e.name];
      if (share && t.dtype === 'float32') {
        used[e.name] = t;
      } else {
        used[e.name] = t.dtype === 'float32' ? tf.clone(t) : tf.cast(t, 'float32');
        owned.push(used[e.name]);
      }
    }
    return new StyleGAN(cfg, used, owned);
  }

  /**
   * A generator with the official initialisation, seeded: mapping weights N(0, 1/lrmul),
   * synthesis, style and ToRGB weights N(0, 1), biases and noise weights 0, const 1 (v2: N(0, 1)),
   * `dlatent_avg` 0, noise buffers N(0, 1). Same seed, same weights on every backend.
   *
   * @param config The architecture.
   * @param seed The seed of the draws.
   * @returns The generator.
   * @example
   * ```ts
   * const gen = StyleGAN.random(createConfig({ resolution: 256 }), 0);
   * ```
   */
  static random(config: StyleGANConfig, seed: number): StyleGAN {
    const cfg = createConfig(config);
    const rng = createRng(seed);
    const weights: Record<string, tf.Tensor> = {};
    for (const e of weightSpec(cfg)) {
      const n = e.shape.reduce((a, b) => a * b, 1);
      let data: Float32Array;
      const isMapping = e.name.startsWith('G_mapping/');
      if (e.name.endsWith('/const') && cfg.architecture !== 'stylegan2') data = new Float32Array(n).fill(1);
      else if (e.name === 'dlatent_avg' || /\/(bias|mod_bias|noise_strength|Noise\/weight)$/.test(e.name)) data = new Float32Array(n);
      else {
        data = rng.normalArray(n);
        if (isMapping) {
          const s = 1 / cfg.mappingLrmul;
          for (let i = 0; i < n; i++) data[i] *= s;
        }
      }
      weights[e.name] = tf.tensor(data, e.shape, 'float32');
    }
    return new StyleGAN(cfg, weights);
  }

  /**
   * Every name `capture` accepts, coarse to fine: `'4x4/Const'`, `'4x4/Conv'`, `'4x4'`,
   * `'8x8/Conv0_up'`, `'8x8/Conv1'`, `'8x8'`, ..., `'image'`. A block name (`'8x8'`) is the
   * output of its last layer (after AdaIN).
   *
   * @returns The names.
   * @example
   * ```ts
   * gen.activationNames().filter((n) => !n.includes('/')); // block outputs and 'image'
   * ```
   */
  activationNames(): string[] {
    return [...this._names];
  }

  /**
   * The mapping network: pixel norm, then `mappingLayers` dense layers with leaky ReLU 0.2.
   *
   * @param z Latents [N, latentSize].
   * @returns w [N, dlatentSize].
   * @example
   * ```ts
   * const w = gen.mapping(tf.tensor2d(latentFromSeed(0, 512), [1, 512]));
   * ```
   */
  mapping(z: tf.Tensor2D): tf.Tensor2D {
    this._check();
    if (z.rank !== 2 || z.shape[1] !== this.config.latentSize) {
      throw new RangeError(`mapping: z must be [N, ${this.config.latentSize}], found [${z.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      let x: tf.Tensor2D = tf.mul(z, tf.rsqrt(tf.add(tf.mean(tf.square(z), 1, true), 1e-8)));
      for (let i = 0; i < this._p.mapW.length; i++) {
        x = tf.leakyRelu(tf.fused.matMul({ a: x, b: this._p.mapW[i], bias: this._p.mapB[i] }), 0.2) as tf.Tensor2D;
      }
      return x;
    });
  }

  /**
   * Broadcast w to W+ and apply the truncation trick: layer i < cutoff becomes
   * `dlatent_avg + (w - dlatent_avg) * psi`, as official `G_style` / `G_main`.
   *
   * @param w [N, dlatentSize], or W+ [N, numLayers, dlatentSize] (e.g. after mixing).
   * @param psi Truncation psi; 1 (default) keeps w.
   * @param cutoff Number of layers truncated; default v1 8, v2 all (official).
   * @returns W+ [N, numLayers, dlatentSize].
   * @example
   * ```ts
   * const wplus = gen.truncate(gen.mapping(z), 0.7);
   * ```
   */
  truncate(w: tf.Tensor2D | tf.Tensor3D, psi = 1, cutoff = defaultCutoff(this.config)): tf.Tensor3D {
    this._check();
    const L = this.numLayers;
    const D = this.config.dlatentSize;
    const ok = (w.rank === 2 && w.shape[1] === D) || (w.rank === 3 && w.shape[1] === L && w.shape[2] === D);
    if (!ok) throw new RangeError(`truncate: w must be [N, ${D}] or [N, ${L}, ${D}], found [${w.shape.join(', ')}]`);
    return tf.tidy(() => {
      const wp: tf.Tensor3D = w.rank === 2 ? (tf.tile(tf.expandDims(w, 1), [1, L, 1]) as tf.Tensor3D) : (tf.clone(w) as tf.Tensor3D);
      if (psi === 1) return wp;
      const coefs = new Float32Array(L);
      for (let i = 0; i < L; i++) coefs[i] = i < cutoff ? psi : 1;
      const avg = this._p.dlatentAvg;
      return tf.add(avg, tf.mul(tf.sub(wp, avg), tf.tensor3d(coefs, [1, L, 1]))) as tf.Tensor3D;
    });
  }

  /**
   * The synthesis network: W+ to image, returning the activations asked for.
   *
   * @param wplus [N, numLayers, dlatentSize].
   * @param opts Noise maps and names to capture.
   * @returns The image and the captured activations (NHWC); the caller disposes them.
   * @example
   * ```ts
   * const { image, activations } = gen.synthesis(wplus, { capture: ['32x32', '64x64/Conv0_up'] });
   * ```
   */
  synthesis(wplus: tf.Tensor3D, opts: SynthesisOptions = {}): SynthesisResult {
    this._check();
    const L = this.numLayers;
    const D = this.config.dlatentSize;
    if (wplus.rank !== 3 || wplus.shape[1] !== L || wplus.shape[2] !== D) {
      throw new RangeError(`synthesis: wplus must be [N, ${L}, ${D}], found [${wplus.shape.join(', ')}]`);
    }
    const N = wplus.shape[0];
    const capture = new Set(opts.capture ?? []);
    for (const name of capture) {
      if (!this._names.includes(name)) {
        throw new RangeError(`synthesis: unknown activation "${name}"; known: ${this._names.join(', ')}`);
      }
    }
    const noise = opts.noise;
    if (noise !== undefined) {
      const nn = this._noiseRes.length;
      if (noise.length !== nn) throw new RangeError(`synthesis: noise must have ${nn} tensors (one a noise input), found ${noise.length}`);
      noise.forEach((t, i) => {
        const r = this._noiseRes[i];
        if (t.rank !== 4 || (t.shape[0] !== 1 && t.shape[0] !== N) || t.shape[1] !== r || t.shape[2] !== r || t.shape[3] !== 1) {
          throw new RangeError(`synthesis: noise[${i}] must be [${N} or 1, ${r}, ${r}, 1], found [${t.shape.join(', ')}]`);
        }
      });
    }
    return tf.tidy(() => {
      const acts: Record<string, tf.Tensor4D> = {};
      const captured = new Set<tf.Tensor>(); // tensors handed out in acts: never disposed here
      const keep = (name: string, t: tf.Tensor4D): void => {
        if (capture.has(name)) {
          acts[name] = t;
          captured.add(t);
        }
      };
      const styles = tf.unstack(wplus, 1) as tf.Tensor2D[];
      if (this._p.v2) {
        const image = _synthesis2(this._p.v2, styles, noise, captured, keep, capture);
        if (capture.has('image')) acts.image = tf.clone(image);
        return { image: this._crop(image), activations: acts };
      }
      let x: tf.Tensor4D | null = null;
      for (const pl of this._p.layers) {
        const l = pl.layer;
        const xIn = x;
        // one tidy a layer: its intermediates are freed before the next layer runs (at 1024 px a
        // layer's tensors are 64-128 MB each); under a gradient tape tfjs keeps what backprop needs
        x = tf.tidy(() => {
          let y: tf.Tensor4D;
          if (l.kind === 'const') {
            y = N === 1 ? (pl.constant as tf.Tensor4D) : (tf.tile(pl.constant as tf.Tensor4D, [N, 1, 1, 1]) as tf.Tensor4D);
          } else if (l.kind === 'conv') {
            y = tf.fused.conv2d({ x: xIn as tf.Tensor4D, filter: pl.kernel as tf.Tensor4D, strides: 1, pad: 'same', bias: pl.bias });
          } else {
            const conv = upsampleConv3x3(xIn as tf.Tensor4D, pl.kernel as tf.Tensor4D);
            y = blur2d(conv, pl.bias);
          }
          const nz = noise !== undefined ? noise[l.index] : pl.storedNoise;
          const style = tf.fused.matMul({ a: styles[l.index], b: pl.styleW, bias: pl.styleB });
          const C = l.channels;
          // noise, leaky ReLU 0.2, instance norm (eps 1e-8), the style's scale and shift
          return styleEpilogue(y, nz, pl.noiseWeight, tf.slice(style, [0, 0], [N, C]) as tf.Tensor2D, tf.slice(style, [0, C], [N, C]) as tf.Tensor2D);
        });
        if (xIn && !captured.has(xIn)) xIn.dispose();
        keep(l.scope, x);
        if (l.kind === 'conv') {
          const block = l.scope.split('/')[0];
          if (capture.has(block)) keep(block, capture.has(l.scope) ? tf.clone(x) : x);
        }
      }
      const image = tf.fused.conv2d({ x: x as tf.Tensor4D, filter: this._p.rgbW as tf.Tensor4D, strides: 1, pad: 'same', bias: this._p.rgbB as tf.Tensor1D });
      if (capture.has('image')) acts.image = tf.clone(image);
      return { image: this._crop(image), activations: acts };
    });
  }

  /**
   * z to image: mapping, optional style mixing (layers >= mixLayer take mixZ's w), truncation,
   * synthesis.
   *
   * @param opts Latents, truncation, noise, capture, mixing.
   * @returns The image, the captured activations and the W+ used; the caller disposes them.
   * @example
   * ```ts
   * const { image, wplus } = gen.generate({ z, truncation: 0.7, mixZ: z2, mixLayer: 4 });
   * ```
   */
  generate(opts: GenerateOptions): GenerateResult {
    this._check();
    const L = this.numLayers;
    if (opts.mixZ !== undefined && (opts.mixZ.rank !== 2 || opts.mixZ.shape[0] !== opts.z.shape[0])) {
      throw new RangeError(`generate: mixZ must be [${opts.z.shape[0]}, ${this.config.latentSize}], found [${opts.mixZ.shape.join(', ')}]`);
    }
    const wplus = tf.tidy(() => {
      const w = this.mapping(opts.z);
      let wp = tf.tile(tf.expandDims(w, 1), [1, L, 1]) as tf.Tensor3D;
      if (opts.mixZ !== undefined) {
        const mixLayer = opts.mixLayer ?? Math.floor(L / 2);
        const w2 = this.mapping(opts.mixZ);
        const mask = new Float32Array(L);
        for (let i = 0; i < L; i++) mask[i] = i < mixLayer ? 1 : 0;
        const m = tf.tensor3d(mask, [1, L, 1]);
        wp = tf.add(tf.mul(wp, m), tf.mul(tf.expandDims(w2, 1), tf.sub(1, m))) as tf.Tensor3D;
      }
      return this.truncate(wp, opts.truncation ?? 1, opts.cutoff ?? defaultCutoff(this.config));
    });
    try {
      const out = this.synthesis(wplus, { noise: opts.noise, capture: opts.capture });
      return { ...out, wplus };
    } catch (e) {
      wplus.dispose();
      throw e;
    }
  }

  /** Frees every tensor of this generator (its weights included, unless it shares the caller's). */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    tf.dispose(this._ownedWeights);
    const p = this._p;
    tf.dispose([...p.mapW, ...p.mapB, p.dlatentAvg]);
    if (p.rgbW) tf.dispose([p.rgbW, p.rgbB as tf.Tensor1D]);
    if (p.v2) tf.dispose(p.v2 as unknown as tf.TensorContainer);
    for (const l of p.layers) {
      tf.dispose([l.bias, l.noiseWeight, l.styleW, l.styleB, l.storedNoise]);
      if (l.constant) l.constant.dispose();
      if (l.kernel) l.kernel.dispose();
      tf.dispose(l.phases);
    }
  }

  /** Rows config.crop keeps (all when there is no crop). */
  private _crop(image: tf.Tensor4D): tf.Tensor4D {
    const c = this.config.crop;
    if (!c || (c.top === 0 && c.bottom === 0)) return image;
    const [n, r, w, ch] = image.shape;
    return tf.slice(image, [0, c.top, 0, 0], [n, r - c.top - c.bottom, w, ch]);
  }

  private _check(): void {
    if (this._disposed) throw new Error('StyleGAN: this generator was disposed');
  }
}

/** Scale by gain / sqrt(fan_in) * lrmul (fan_in = product of all dims but the last). */
function _scale(t: tf.Tensor, gain: number, lrmul = 1): tf.Tensor {
  const fanIn = t.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return tf.mul(t, (gain / Math.sqrt(fanIn)) * lrmul);
}

function _prepare(cfg: StyleGANConfig, W: Record<string, tf.Tensor>, layers: _Layer[]): _Prepared {
  const mapW: tf.Tensor2D[] = [];
  const mapB: tf.Tensor1D[] = [];
  // v1 scales the weight by sqrt(2) before the bias; v2's bias_act applies sqrt(2) after the
  // leaky ReLU, i.e. to the bias too (leaky ReLU is positively homogeneous)
  const v2 = cfg.architecture === 'stylegan2';
  for (let i = 0; i < cfg.mappingLayers; i++) {
    mapW.push(_scale(W[`G_mapping/Dense${i}/weight`], _SQRT2, cfg.mappingLrmul) as tf.Tensor2D);
    mapB.push(tf.mul(W[`G_mapping/Dense${i}/bias`], cfg.mappingLrmul * (v2 ? _SQRT2 : 1)) as tf.Tensor1D);
  }
  if (v2) return { mapW, mapB, dlatentAvg: tf.clone(W.dlatent_avg) as tf.Tensor1D, layers: [], rgbW: null, rgbB: null, v2: _prepare2(cfg, W) };
  const out: _PreparedLayer[] = layers.map((l) => {
    const p = `G_synthesis/${l.scope}`;
    const C = l.channels;
    const bias = tf.clone(W[`${p}/bias`]) as tf.Tensor1D;
    let constant: tf.Tensor4D | null = null;
    let kernel: tf.Tensor4D | null = null;
    if (l.kind === 'const') {
      constant = tf.add(tf.transpose(W[`${p}/const`], [0, 2, 3, 1]), bias) as tf.Tensor4D;
    } else if (l.kind === 'conv') {
      kernel = _scale(W[`${p}/weight`], _SQRT2) as tf.Tensor4D;
    } else {
      // official: nearest upscale + conv below fusedScaleFrom; from it on, conv2d_transpose with
      // the 4x4 summed kernel, which equals nearest upscale + conv with the kernel flipped.
      const k = _scale(W[`${p}/weight`], _SQRT2) as tf.Tensor4D;
      kernel = l.kind === 'fused' ? _flipKernel(k) : k;
    }
    const ones = tf.concat([tf.ones([C]), tf.zeros([C])]);
    return {
      layer: l,
      constant,
      kernel,
      phases: [],
      bias,
      noiseWeight: tf.clone(W[`${p}/Noise/weight`]) as tf.Tensor1D,
      styleW: _scale(W[`${p}/StyleMod/weight`], 1) as tf.Tensor2D,
      styleB: tf.add(W[`${p}/StyleMod/bias`], ones) as tf.Tensor1D,
      storedNoise: tf.transpose(W[`G_synthesis/noise${l.index}`], [0, 2, 3, 1]) as tf.Tensor4D,
    };
  });
  return {
    mapW,
    mapB,
    dlatentAvg: tf.clone(W.dlatent_avg) as tf.Tensor1D,
    layers: out,
    rgbW: _scale(W['G_synthesis/ToRGB_lod0/weight'], 1) as tf.Tensor4D,
    rgbB: tf.clone(W['G_synthesis/ToRGB_lod0/bias']) as tf.Tensor1D,
    v2: null,
  };
}
