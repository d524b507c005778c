import * as tf from '@tensorflow/tfjs-core';
import { IGNORE_INDEX } from '@ganseg/formats';

/**
 * Mean softmax cross-entropy over the labelled pixels, as PyTorch's
 * `CrossEntropyLoss(ignore_index=255)`: pixels labelled `ignore`, and labels outside
 * [0, numClasses), count for nothing (neither in the sum nor in the count). 0 when no pixel is
 * labelled. The one loss of every trainer (DeepLabV3+, the decoder).
 *
 * @param logits Class scores `[..., numClasses]` (`[n, h, w, k]` for a segmenter).
 * @param labels Class indices, int32, the shape of `logits` without its last axis.
 * @param ignore The ignore label; default `IGNORE_INDEX` (255) of `@ganseg/formats`.
 * @returns A scalar.
 * @example
 * ```ts
 * const loss = tf.tidy(() => crossEntropyWithIgnore(model.forward(x, { training: true }), y));
 * crossEntropyWithIgnore(logits, tf.tensor3d([[[0, 255]]], [1, 1, 2], 'int32')); // the 255 pixel counts for nothing
 * ```
 */
export function crossEntropyWithIgnore(logits: tf.Tensor, labels: tf.Tensor, ignore = IGNORE_INDEX): tf.Scalar {
  return tf.tidy(() => {
    const c = logits.shape[logits.rank - 1];
    const flat = tf.reshape(labels, [-1]) as tf.Tensor1D;
    let oneHot = tf.oneHot(flat, c).toFloat();
    // labels outside [0, c) (255 among them) give a zero row already; an ignore label inside it is masked
    if (ignore >= 0 && ignore < c) oneHot = tf.mul(oneHot, tf.expandDims(tf.cast(tf.notEqual(flat, ignore), 'float32'), 1));
    const logp = tf.logSoftmax(tf.reshape(logits, [-1, c]));
    const count = tf.maximum(tf.sum(oneHot), 1);
    return tf.div(tf.sum(tf.mul(oneHot, tf.neg(logp))), count) as tf.Scalar;
  });
}
