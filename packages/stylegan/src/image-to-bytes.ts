import * as tf from '@tensorflow/tfjs-core';

/**
 * A generator's image (NHWC, values in about [-1, 1]) to 8-bit values, the one conversion ganseg
 * uses: `round((x + 1) * 127.5)` in float32 (tfjs's `round`, halves to even), clipped to 0..255.
 * Every image of a batch, row-major, channels last.
 *
 * @param image The image tensor (not disposed).
 * @returns The bytes, `image.size` of them.
 * @example
 * ```ts
 * const rgb = imageToBytes(gen.generate({ z }).image); // R * R * 3 bytes for one image
 * ```
 */
export function imageToBytes(image: tf.Tensor): Uint8Array {
  const t = tf.tidy(() => tf.cast(tf.clipByValue(tf.round(tf.mul(tf.add(image, 1), 127.5)), 0, 255), 'int32'));
  const out = Uint8Array.from(t.dataSync());
  t.dispose();
  return out;
}
