import * as tf from '@tensorflow/tfjs-core';

/**
 * The non-saturating logistic losses of official StyleGAN `loss.py`, averaged over the batch:
 * generator `softplus(-D(G(z)))` (`G_logistic_nonsaturating`) and discriminator
 * `softplus(D(G(z))) + softplus(-D(x))` (`D_logistic`, the R1 term is added by the caller).
 *
 * @param fakeScores D's scores of generated images [N, 1].
 * @param realScores D's scores of real images [N, 1]; when absent, the generator loss is returned.
 * @returns A scalar.
 * @example
 * ```ts
 * const gLoss = logisticLoss(D.scores(fakes));
 * const dLoss = logisticLoss(D.scores(fakes), D.scores(reals));
 * ```
 */
export function logisticLoss(fakeScores: tf.Tensor, realScores?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    if (realScores === undefined) return tf.mean(tf.softplus(tf.neg(fakeScores))) as tf.Scalar;
    return tf.add(tf.mean(tf.softplus(fakeScores)), tf.mean(tf.softplus(tf.neg(realScores)))) as tf.Scalar;
  });
}
