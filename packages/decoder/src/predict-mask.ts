import * as tf from '@tensorflow/tfjs-core';
import type { Decoder } from './decoder.js';
import { _convDecoderForward } from './_conv-decoder.js';
import { _mlpForward } from './_mlp-decoder.js';
import { DecoderError } from './decoder-error.js';

/** One image's prediction. */
export interface MaskPrediction {
  width: number;
  height: number;
  /** Class index a pixel (argmax of the members' mean probability), row-major. */
  mask: Uint8Array;
  /**
   * Per-pixel uncertainty in [0, 1]: with several members, their disagreement (Jensen-Shannon
   * divergence = entropy of the mean minus mean entropy) divided by log(numClasses); with one
   * member, the entropy of its softmax divided by log(numClasses).
   */
  uncertainty: Float32Array;
  /** Entropy of the mean probability / log(numClasses), a pixel. */
  entropy: Float32Array;
  /** Mean probability of each class, [H*W*numClasses] row-major. */
  probs: Float32Array;
}

/** Options of {@link predictMask}. */
export interface PredictMaskOptions {
  /** Pixels per MLP forward chunk; default 16384. */
  chunk?: number;
}

/** Member-mean probabilities [N, H, W, C] and the JS divergence [N, H, W] over members. */
function _memberProbs(dec: Decoder, maps: tf.Tensor4D[], chunk: number): { mean: tf.Tensor4D; js: tf.Tensor3D; ent: tf.Tensor3D } {
  return tf.tidy(() => {
    const c = dec.config;
    const K = dec.members.length;
    let sumP: tf.Tensor4D | null = null;
    let sumH: tf.Tensor3D | null = null;
    for (const p of dec.members) {
      let probs: tf.Tensor4D;
      if (c.arch === 'conv') {
        probs = tf.softmax(_convDecoderForward(p, c, maps, false, null, null));
      } else {
        const x = maps[0];
        const [n, h, w, d] = x.shape;
        const flat = tf.reshape(x, [n * h * w, d]) as tf.Tensor2D;
        const parts: tf.Tensor2D[] = [];
        for (let i = 0; i < n * h * w; i += chunk) {
          const sz = Math.min(chunk, n * h * w - i);
          parts.push(tf.softmax(_mlpForward(p, c, sz === n * h * w ? flat : (tf.slice(flat, [i, 0], [sz, d]) as tf.Tensor2D), false, null)));
        }
        probs = tf.reshape(parts.length === 1 ? parts[0] : tf.concat(parts, 0), [n, h, w, c.numClasses]);
      }
      const hK = tf.neg(tf.sum(tf.mul(probs, tf.log(tf.add(probs, 1e-12))), 3)) as tf.Tensor3D;
      sumP = sumP ? (tf.add(sumP, probs) as tf.Tensor4D) : probs;
      sumH = sumH ? (tf.add(sumH, hK) as tf.Tensor3D) : hK;
    }
    const mean = tf.div(sumP as tf.Tensor4D, K) as tf.Tensor4D;
    const ent = tf.neg(tf.sum(tf.mul(mean, tf.log(tf.add(mean, 1e-12))), 3)) as tf.Tensor3D;
    const js = tf.relu(tf.sub(ent, tf.div(sumH as tf.Tensor3D, K))) as tf.Tensor3D;
    return { mean, js, ent };
  });
}

/**
 * Predicts class masks and per-pixel uncertainty from generator activations.
 *
 * @param decoder The decoder.
 * @param activations Activations by name as `synthesis(wplus, {capture: decoder.captureNames()})`
 *   returns them (NHWC, batch N), or the maps already arranged as `captureFeatures` returns them
 *   for `decoder.spec`.
 * @param options Chunk size for the MLP.
 * @returns One prediction an image of the batch.
 * @throws DecoderError when a level is missing or has the wrong shape.
 * @example
 * ```ts
 * const { activations } = gen.synthesis(wplus, { capture: dec.captureNames() });
 * const [p] = predictMask(dec, activations);
 * p.mask;        // Uint8Array of class ids
 * p.uncertainty; // Float32Array in [0, 1]
 * ```
 */
export function predictMask(decoder: Decoder, activations: Record<string, tf.Tensor4D> | tf.Tensor4D[], options: PredictMaskOptions = {}): MaskPrediction[] {
  const c = decoder.config;
  const maps = tf.tidy(() => _arrange(decoder, activations));
  try {
    const { mean, js, ent } = _memberProbs(decoder, maps, options.chunk ?? 16384);
    const [n, h, w, nc] = mean.shape;
    const probs = mean.dataSync() as Float32Array;
    const jsData = js.dataSync() as Float32Array;
    const entData = ent.dataSync() as Float32Array;
    tf.dispose([mean, js, ent]);
    const logC = Math.log(c.numClasses);
    const out: MaskPrediction[] = [];
    for (let b = 0; b < n; b++) {
      const mask = new Uint8Array(h * w);
      const unc = new Float32Array(h * w);
      const entropy = new Float32Array(h * w);
      for (let i = 0; i < h * w; i++) {
        const o = (b * h * w + i) * nc;
        let best = 0;
        for (let k = 1; k < nc; k++) if (probs[o + k] > probs[o + best]) best = k;
        mask[i] = best;
        entropy[i] = entData[b * h * w + i] / logC;
        unc[i] = decoder.members.length > 1 ? jsData[b * h * w + i] / logC : entropy[i];
      }
      out.push({ width: w, height: h, mask, uncertainty: unc, entropy, probs: probs.slice(b * h * w * nc, (b + 1) * h * w * nc) });
    }
    return out;
  } finally {
    tf.dispose(maps);
  }
}

/** The decoder's input maps from activations (by name) or from already-arranged maps. */
export function _arrange(decoder: Decoder, activations: Record<string, tf.Tensor4D> | tf.Tensor4D[]): tf.Tensor4D[] {
  const c = decoder.config;
  let maps: tf.Tensor4D[];
  if (Array.isArray(activations)) {
    maps = activations.map((t) => tf.clone(t));
  } else {
    const list = c.levels.map((l) => {
      const t = activations[l.name];
      if (!t) throw new DecoderError(`predictMask: activation "${l.name}" is missing; the decoder reads ${decoder.captureNames().join(', ')} (pass capture: decoder.captureNames()); found ${Object.keys(activations).join(', ') || 'none'}.`);
      return t;
    });
    if (c.arch === 'conv') maps = list.map((t) => tf.clone(t));
    else {
      const all = tf.concat(list.map((t) => (t.shape[1] === c.size ? t : tf.image.resizeBilinear(t, [c.size, c.size], false, true))), 3) as tf.Tensor4D;
      const [n, h, w, ch] = all.shape;
      maps = [c.crop ? tf.slice(all, [0, c.crop.top, 0, 0], [n, h - c.crop.top - c.crop.bottom, w, ch]) : all];
    }
  }
  const rows = c.arch === 'mlp' && c.crop ? c.size - c.crop.top - c.crop.bottom : c.size;
  const want: [number, number, number][] = c.arch === 'conv' ? c.levels.map((l) => [l.res, l.res, l.channels]) : [[rows, c.size, c.inputChannels]];
  if (maps.length !== want.length) throw new DecoderError(`predictMask: ${maps.length} feature maps given; the decoder reads ${want.length}.`);
  maps.forEach((m, i) => {
    const got = m.shape.slice(1);
    if (got.join() !== want[i].join()) throw new DecoderError(`predictMask: feature map ${i} ("${c.levels[i]?.name ?? 'concatenated'}") has shape [${got}] a sample; the decoder expects [${want[i]}].`);
  });
  return maps;
}
