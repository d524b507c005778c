import * as tf from '@tensorflow/tfjs-core';
import { IGNORE_INDEX } from '@ganseg/formats';

/**
 * Mean per-pixel cross-entropy over the labelled pixels, as PyTorch's
 * `CrossEntropyLoss(ignore_index=255)` (mean over pixels whose label is not `ignore`; 0 when
 * none is labelled).
 *
 * @param logits `[n, h, w, k]` scores.
 * @param labels `[n, h, w]` int32 class ids (`ignore` where unlabelled).
 * @param ignore The ignore label (255).
 * @returns A scalar.
 * @example
 * ```ts
 * const loss = tf.tidy(() => crossEntropyWithIgnore(model.forward(x, { training: true }), y));
 * ```
 */
export function crossEntropyWithIgnore(logits: tf.Tensor4D, labels: tf.Tensor3D, ignore = IGNORE_INDEX): tf.Scalar {
  return tf.tidy(() => {
    const k = logits.shape[3];
    const valid = tf.notEqual(labels, ignore);
    const safe = tf.where(valid, labels, tf.zerosLike(labels));
    const onehot = tf.oneHot(tf.reshape(safe, [-1]), k);
    const logp = tf.reshape(tf.logSoftmax(tf.reshape(logits, [-1, k])), [-1, k]);
    const validF = tf.reshape(tf.cast(valid, 'float32'), [-1]);
    const nll = tf.mul(tf.neg(tf.sum(tf.mul(onehot, logp), 1)), validF);
    return tf.div(tf.sum(nll), tf.maximum(tf.sum(validF), 1)) as tf.Scalar;
  });
}
