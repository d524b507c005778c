import * as tf from '@tensorflow/tfjs-core';

/**
 * Re-centres and re-scales noise maps to zero mean and unit variance, in place (StyleGAN2's
 * projector does this after every step).
 *
 * @param noises The noise variables.
 * @example
 * ```ts
 * normalizeNoise(noiseVariables);
 * ```
 */
export function normalizeNoise(noises: tf.Variable[]): void {
  for (const v of noises) {
    const next = tf.tidy(() => {
      const { mean, variance } = tf.moments(v);
      return tf.div(tf.sub(v, mean), tf.sqrt(tf.add(variance, 1e-8)));
    });
    v.assign(next);
    next.dispose();
  }
}
