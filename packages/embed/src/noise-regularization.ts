import * as tf from '@tensorflow/tfjs-core';

/**
 * StyleGAN2's noise regulariser: the squared auto-correlation of each noise map at one-pixel
 * shifts, over a pyramid of 2x2 average-pooled versions, so that optimised noise stays noise and
 * does not learn the image.
 *
 * @param noises Noise maps [1, H, W, 1].
 * @returns A scalar tensor.
 * @example
 * ```ts
 * const reg = noiseRegularization(noiseVariables);
 * ```
 */
export function noiseRegularization(noises: tf.Tensor4D[]): tf.Scalar {
  return tf.tidy(() => {
    let total: tf.Scalar = tf.scalar(0);
    for (const n0 of noises) {
      let n: tf.Tensor4D = n0;
      while (n.shape[1] >= 8) {
        const sx = tf.concat([tf.slice(n, [0, 0, 1, 0], [-1, -1, -1, -1]), tf.slice(n, [0, 0, 0, 0], [-1, -1, 1, -1])], 2);
        const sy = tf.concat([tf.slice(n, [0, 1, 0, 0], [-1, -1, -1, -1]), tf.slice(n, [0, 0, 0, 0], [-1, 1, -1, -1])], 1);
        total = tf.add(total, tf.add(tf.square(tf.mean(tf.mul(n, sx))), tf.square(tf.mean(tf.mul(n, sy)))));
        n = tf.mul(tf.avgPool(n, 2, 2, 'valid'), 2);
      }
    }
    return total;
  });
}
