import * as tf from '@tensorflow/tfjs-core';
import type { Discriminator } from './discriminator.js';

/** What {@link r1Penalty} returns. */
export interface R1Result {
  /** Per-sample squared gradient norm ||dD(x)/dx||^2, [N]. */
  penalty: tf.Tensor1D;
  /** D's scores of the reals, [N, 1] (computed on the way, so the caller need not run D twice). */
  scores: tf.Tensor2D;
}

/**
 * The R1 penalty of official `D_logistic_simplegp`: the squared norm of the gradient of the
 * summed real scores with respect to the real images, per sample. Differentiable with respect to
 * D's variables (double backprop), so it can sit inside `tf.variableGrads`. Both returned tensors
 * are the caller's to dispose (also inside a tidy: `scores` is kept).
 *
 * @param D The discriminator.
 * @param reals Real images [N, R, R, C] in [-1, 1].
 * @returns The penalty and the real scores.
 * @example
 * ```ts
 * const { penalty, scores } = r1Penalty(D, reals);
 * const loss = tf.mul(tf.mean(penalty), gamma * 0.5);
 * ```
 */
export function r1Penalty(D: Discriminator, reals: tf.Tensor4D): R1Result {
  let scores: tf.Tensor2D | null = null;
  const grad = tf.grad((x: tf.Tensor) => {
    scores = tf.keep(D.scores(x as tf.Tensor4D));
    return tf.sum(scores);
  })(reals);
  const penalty = tf.tidy(() => tf.sum(tf.square(grad), [1, 2, 3]) as tf.Tensor1D);
  grad.dispose();
  return { penalty, scores: scores as unknown as tf.Tensor2D };
}
