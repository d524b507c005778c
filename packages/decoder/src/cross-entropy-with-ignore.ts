import * as tf from '@tensorflow/tfjs-core';

/**
 * Mean softmax cross-entropy over the pixels whose label is a class (labels outside
 * [0, numClasses), such as the ignore index 255, count for nothing). 0 when no pixel is labelled.
 *
 * @param logits Class scores [..., numClasses].
 * @param labels Class indices, int32, the shape of `logits` without its last axis.
 * @returns A scalar.
 * @example
 * ```ts
 * const loss = crossEntropyWithIgnore(logits, tf.tensor3d([[[0, 255]]], [1, 1, 2], 'int32'));
 * ```
 */
export function crossEntropyWithIgnore(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const c = logits.shape[logits.rank - 1];
    const oneHot = tf.oneHot(tf.reshape(labels, [-1]) as tf.Tensor1D, c).toFloat();
    const logp = tf.logSoftmax(tf.reshape(logits, [-1, c]));
    const count = tf.maximum(tf.sum(oneHot), 1);
    return tf.div(tf.neg(tf.sum(tf.mul(oneHot, logp))), count) as tf.Scalar;
  });
}
