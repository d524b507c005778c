import * as tf from '@tensorflow/tfjs-core';
import type { DeepLab } from './deep-lab.js';
import { _normalize } from './_augment.js';

/** An RGB image: `width*height*3` bytes. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** What {@link predictDeepLab} returns for one image. */
export interface Prediction {
  /** Class index of every pixel, `width*height`. */
  mask: Uint8Array;
  /** Softmax probability of the chosen class, `width*height`. */
  confidence: Float32Array;
}

/**
 * Segments one image with a DeepLab in eval mode (running batch-norm statistics), at the image's
 * own size.
 *
 * @param model The network.
 * @param image RGB bytes with width and height.
 * @returns The class of every pixel and its probability.
 * @example
 * ```ts
 * const { mask } = await predictDeepLab(model, { data: rgb, width: 64, height: 64 });
 * ```
 */
export async function predictDeepLab(model: DeepLab, image: RgbImage): Promise<Prediction> {
  const { width, height } = image;
  if (image.data.length !== width * height * 3) {
    throw new Error(`predictDeepLab: ${image.data.length} bytes for ${width}x${height} RGB (expected ${width * height * 3}).`);
  }
  const x = _normalize(image.data);
  const [cls, conf] = tf.tidy(() => {
    const logits = model.forward(tf.tensor4d(x, [1, height, width, 3]));
    const p = tf.softmax(logits);
    return [tf.argMax(logits, 3), tf.max(p, 3)];
  });
  const mask = Uint8Array.from(await cls.data());
  const confidence = (await conf.data()) as Float32Array;
  tf.dispose([cls, conf]);
  return { mask, confidence };
}
