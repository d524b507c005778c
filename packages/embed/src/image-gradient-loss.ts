import * as tf from '@tensorflow/tfjs-core';

/**
 * A multi-scale image-gradient loss: the mean squared difference of horizontal and vertical
 * finite differences of `a` and `b`, at full size and at `scales - 1` successive halvings
 * (2x2 average pooling). With pixel MSE it is ganseg's perceptual term when no VGG16 weights are
 * given: it rewards edges in the right places, which pixel MSE alone under-weights.
 *
 * @param a Images [N, H, W, C].
 * @param b Images [N, H, W, C], same shape.
 * @param scales Number of scales; default 3.
 * @returns A scalar tensor.
 * @example
 * ```ts
 * const loss = imageGradientLoss(reconstruction, target);
 * ```
 */
export function imageGradientLoss(a: tf.Tensor4D, b: tf.Tensor4D, scales = 3): tf.Scalar {
  return tf.tidy(() => {
    let x = a;
    let y = b;
    let total: tf.Scalar = tf.scalar(0);
    for (let s = 0; s < scales; s++) {
      const [, h, w] = x.shape;
      if (h < 2 || w < 2) break;
      const dx = (t: tf.Tensor4D) => tf.sub(tf.slice(t, [0, 0, 1, 0], [-1, -1, w - 1, -1]), tf.slice(t, [0, 0, 0, 0], [-1, -1, w - 1, -1]));
      const dy = (t: tf.Tensor4D) => tf.sub(tf.slice(t, [0, 1, 0, 0], [-1, h - 1, -1, -1]), tf.slice(t, [0, 0, 0, 0], [-1, h - 1, -1, -1]));
      total = tf.add(total, tf.add(tf.mean(tf.squaredDifference(dx(x), dx(y))), tf.mean(tf.squaredDifference(dy(x), dy(y)))));
      if (s + 1 < scales && h >= 4 && w >= 4) {
        x = tf.avgPool(x, 2, 2, 'valid');
        y = tf.avgPool(y, 2, 2, 'valid');
      } else break;
    }
    return total;
  });
}
