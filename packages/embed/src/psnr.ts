import * as tf from '@tensorflow/tfjs-core';

/**
 * Peak signal-to-noise ratio in dB between two images with values in [-1, 1] (peak-to-peak 2).
 *
 * @param a Image tensor.
 * @param b Image tensor of the same shape.
 * @returns PSNR in dB (Infinity for identical images).
 * @example
 * ```ts
 * psnr(reconstruction, target); // 31.2
 * ```
 */
export function psnr(a: tf.Tensor, b: tf.Tensor): number {
  const mse = tf.tidy(() => tf.mean(tf.squaredDifference(a, b)));
  const m = mse.dataSync()[0];
  mse.dispose();
  return m === 0 ? Infinity : 10 * Math.log10(4 / m);
}
