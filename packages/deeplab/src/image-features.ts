import * as tf from '@tensorflow/tfjs-core';
import type { DeepLab } from './deep-lab.js';
import type { RgbImage } from './predict-deeplab.js';
import { _normalize } from './_augment.js';

/**
 * One feature vector an image from a trained DeepLab's backbone: the last stage (`layer4`)
 * averaged over the image, the input normalised as for {@link predictDeepLab}. For comparing
 * image sets through a network trained on the domain (a KID on a segmentation teacher's features,
 * where no Inception network can be downloaded).
 *
 * @param model A DeepLab (its backbone is used; inference mode).
 * @param images RGB images, all of one size.
 * @param batch Images a forward pass (default 16).
 * @returns One `Float32Array` of the backbone's last-stage width per image.
 * @example
 * ```ts
 * const feats = imageFeatures(teacher, images); // feats[i].length === 512 * width for resnet18/34
 * ```
 */
export function imageFeatures(model: DeepLab, images: RgbImage[], batch = 16): Float32Array[] {
  const out: Float32Array[] = [];
  if (images.length === 0) return out;
  const { width, height } = images[0];
  for (let i = 0; i < images.length; i += batch) {
    const part = images.slice(i, i + batch);
    const x = new Float32Array(part.length * width * height * 3);
    part.forEach((im, j) => {
      if (im.width !== width || im.height !== height || im.data.length !== width * height * 3) {
        throw new RangeError(`imageFeatures: image ${i + j} is ${im.width}x${im.height} (${im.data.length} bytes); every image must be ${width}x${height} RGB`);
      }
      _normalize(im.data, x, j * width * height * 3);
    });
    const pooled = tf.tidy(() => tf.mean(model.backbone(tf.tensor4d(x, [part.length, height, width, 3])).layer4, [1, 2]));
    const data = pooled.dataSync() as Float32Array;
    const c = pooled.shape[1] as number;
    pooled.dispose();
    for (let j = 0; j < part.length; j++) out.push(data.slice(j * c, (j + 1) * c));
  }
  return out;
}
