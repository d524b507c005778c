import * as tf from '@tensorflow/tfjs-core';
import { _SGD_KERNEL } from './_sgd-momentum-kernel.js';

/** Hyper-parameters of {@link sgdMomentumStep}. */
export interface SgdMomentumOptions {
  lr: number;
  momentum: number;
  /** L2 weight decay added to the gradient (PyTorch's `weight_decay`); default 0. */
  wd?: number;
}

/**
 * One SGD-with-momentum step for one weight, PyTorch's rule (`g' = g + wd w; m' = momentum m +
 * g'; w' = w - lr m'`), returning the new weight and momentum buffer (assign them). Under
 * @ganseg/native it is one pass over memory (one kernel call instead of six ops); elsewhere the
 * same formula in tfjs ops. Not differentiable (an optimizer step).
 *
 * @param w The weight.
 * @param m Its momentum buffer (zeros before the first step give PyTorch's first step exactly).
 * @param g Its gradient.
 * @param options Learning rate, momentum, weight decay.
 * @returns The new weight and momentum buffer.
 * @example
 * ```ts
 * import { sgdMomentumStep } from '@ganseg/native';
 * const next = sgdMomentumStep(v, buf, grad, { lr: 0.01, momentum: 0.9, wd: 1e-4 });
 * buf.assign(next.m); v.assign(next.w); tf.dispose([next.w, next.m]);
 * ```
 */
export function sgdMomentumStep(w: tf.Tensor, m: tf.Tensor, g: tf.Tensor, options: SgdMomentumOptions): { w: tf.Tensor; m: tf.Tensor } {
  const wd = options.wd ?? 0;
  if (w.size !== m.size || w.size !== g.size) throw new Error(`sgdMomentumStep: weight, momentum and gradient sizes differ (${w.size}, ${m.size}, ${g.size})`);
  if (w.dtype === 'float32' && tf.getKernel(_SGD_KERNEL, tf.getBackend()) != null) {
    const [wOut, mOut] = tf.engine().runKernel(_SGD_KERNEL, { w, m, g }, { lr: options.lr, momentum: options.momentum, wd }) as tf.Tensor[];
    return { w: wOut, m: mOut };
  }
  return tf.tidy(() => {
    const mOut = tf.add(tf.mul(m, options.momentum), wd ? tf.add(g, tf.mul(w, wd)) : g);
    return { w: tf.sub(w, tf.mul(mOut, options.lr)), m: mOut };
  });
}
