import * as tf from '@tensorflow/tfjs-core';
import { _SE_GRAD_KERNEL, _SE_KERNEL } from './_style-epilogue-kernels.js';

/** Options for {@link styleEpilogue}. */
export interface StyleEpilogueOptions {
  /** The leaky ReLU's slope for negative inputs; default 0.2 (StyleGAN's). */
  alpha?: number;
  /** Added to the per-sample variance; default 1e-8 (StyleGAN's). */
  epsilon?: number;
}

/**
 * The native forward and backward as one op. A custom gradient, not a registered one: the forward
 * kernel's other outputs (the activation before normalisation, mean and 1/std) are kept for the
 * backward with `save`, so the tape sees one output, and tfjs does not fill (in JavaScript, then
 * copied into the heap) a zero gradient of the full activation's size for each of them.
 */
function _native(y: tf.Tensor4D, noise: tf.Tensor4D, noiseWeight: tf.Tensor1D, scale: tf.Tensor2D, shift: tf.Tensor2D, alpha: number, eps: number): tf.Tensor4D {
  const attrs = { alpha, epsilon: eps } as unknown as tf.NamedAttrMap;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [yy, nz, nw, sc, sh] = args as tf.Tensor[];
    const save = args[5] as tf.GradSaveFunc;
    const [out, v, mean, rstd] = tf.engine().runKernel(_SE_KERNEL, { y: yy, noise: nz, noiseWeight: nw, scale: sc, shift: sh }, attrs) as tf.Tensor[];
    save([sc, nz, nw, v, mean, rstd]);
    return {
      value: out,
      gradFunc: (dout: tf.Tensor, saved: tf.Tensor[]) => {
        const [s0, n0, w0, v0, m0, r0] = saved;
        // dy, dnoise, dnoiseWeight, dscale, dshift: the inputs' order
        return tf.engine().runKernel(_SE_GRAD_KERNEL, { dout, v: v0, mean: m0, rstd: r0, scale: s0, noise: n0, noiseWeight: w0 }, attrs) as tf.Tensor[];
      },
    };
  });
  return op(y, noise, noiseWeight, scale, shift) as tf.Tensor4D;
}

/** The same in tfjs ops (StyleGAN's layer epilogue as @ganseg/stylegan wrote it), differentiated by tfjs. */
function _composite(y: tf.Tensor4D, noise: tf.Tensor4D, noiseWeight: tf.Tensor1D, scale: tf.Tensor2D, shift: tf.Tensor2D, alpha: number, eps: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, , , c] = y.shape;
    const v = tf.leakyRelu(tf.add(y, tf.mul(noise, noiseWeight)), alpha) as tf.Tensor4D;
    const { mean, variance } = tf.moments(v, [1, 2], true);
    const a = tf.mul(tf.rsqrt(tf.add(variance, eps)), tf.reshape(scale, [n, 1, 1, c]));
    const b = tf.sub(tf.reshape(shift, [n, 1, 1, c]), tf.mul(mean, a));
    return tf.add(tf.mul(v, a), b) as tf.Tensor4D;
  });
}

/**
 * StyleGAN (v1)'s layer epilogue after a convolution: per-pixel noise scaled per channel, leaky
 * ReLU, instance normalisation (per sample and channel, over H and W) and the style's scale and
 * shift (AdaIN): `v = lrelu(y + noise * noiseWeight); (v - mean) / sqrt(var + eps) * scale + shift`.
 * Differentiable in every input. On the wasm backend with @ganseg/native's kernels it is one call
 * forward and one backward (instead of ~20 tfjs ops forward and ~50 backward); elsewhere the same
 * formula in tfjs ops.
 *
 * @param y Conv output with its bias, NHWC `[N, H, W, C]`.
 * @param noise `[N or 1, H, W, 1]`.
 * @param noiseWeight Per-channel noise strength, `[C]`.
 * @param scale The style's scale, `[N, C]`.
 * @param shift The style's shift, `[N, C]`.
 * @param options Leaky ReLU slope and epsilon.
 * @returns `[N, H, W, C]`.
 * @example
 * ```ts
 * import { styleEpilogue } from '@ganseg/native';
 * const x = styleEpilogue(conv, noise, noiseWeight, tf.slice(style, [0, 0], [n, c]), tf.slice(style, [0, c], [n, c]));
 * ```
 */
export function styleEpilogue(y: tf.Tensor4D, noise: tf.Tensor4D, noiseWeight: tf.Tensor1D, scale: tf.Tensor2D, shift: tf.Tensor2D, options: StyleEpilogueOptions = {}): tf.Tensor4D {
  const alpha = options.alpha ?? 0.2;
  const eps = options.epsilon ?? 1e-8;
  const [n, h, w, c] = y.shape;
  const want = (name: string, t: tf.Tensor, shape: string, ok: boolean) => {
    if (!ok) throw new RangeError(`styleEpilogue: ${name} must be ${shape} for y [${y.shape.join(', ')}], found [${t.shape.join(', ')}]`);
  };
  want('noise', noise, `[${n} or 1, ${h}, ${w}, 1]`, noise.rank === 4 && (noise.shape[0] === n || noise.shape[0] === 1) && noise.shape[1] === h && noise.shape[2] === w && noise.shape[3] === 1);
  want('noiseWeight', noiseWeight, `[${c}]`, noiseWeight.rank === 1 && noiseWeight.shape[0] === c);
  want('scale', scale, `[${n}, ${c}]`, scale.rank === 2 && scale.shape[0] === n && scale.shape[1] === c);
  want('shift', shift, `[${n}, ${c}]`, shift.rank === 2 && shift.shape[0] === n && shift.shape[1] === c);
  const f32 = [y, noise, noiseWeight, scale, shift].every((t) => t.dtype === 'float32');
  if (f32 && tf.getKernel(_SE_KERNEL, tf.getBackend()) != null) {
    return _native(y, noise, noiseWeight, scale, shift, alpha, eps);
  }
  return _composite(y, noise, noiseWeight, scale, shift, alpha, eps);
}
