import * as tf from '@tensorflow/tfjs-core';
import { checkWeights } from '@ganseg/io';

/** A tensor as read from a checkpoint: shape and float data (what `readTorchCheckpoint` returns). */
export interface RawTensor {
  shape: number[];
  data: Float32Array | ArrayLike<number>;
}

/** torchvision `vgg16().features` indices of the convolutions, with their Image2StyleGAN names. */
const CONVS: [number, string, number, number][] = [
  [0, 'conv1_1', 3, 64], [2, 'conv1_2', 64, 64],
  [5, 'conv2_1', 64, 128], [7, 'conv2_2', 128, 128],
  [10, 'conv3_1', 128, 256], [12, 'conv3_2', 256, 256], [14, 'conv3_3', 256, 256],
  [17, 'conv4_1', 256, 512], [19, 'conv4_2', 512, 512],
];
/** Keys of torchvision's `vgg16` that are not used: the convolutions after conv4_2 and the classifier. */
function _unused(key: string): boolean {
  return key.startsWith('classifier.') || /^features\.(21|24|26|28)\.(weight|bias)$/.test(key);
}
const POOL_AFTER = new Set(['conv1_2', 'conv2_2', 'conv3_3']);
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/**
 * The VGG16 feature extractor of Image2StyleGAN's perceptual loss, from torchvision's `vgg16`
 * weights (`features.{i}.weight` [out, in, 3, 3] and `.bias`; the classifier is ignored). Runs up to
 * conv4_2 and returns the post-ReLU activations asked for.
 *
 * @example
 * ```ts
 * const vgg = Vgg16Features.fromTorch(await readTorchCheckpoint('vgg16.pth'), 'vgg16.pth');
 * const feats = vgg.features(image); // { conv1_1, conv1_2, conv3_2, conv4_2 }
 * ```
 */
export class Vgg16Features {
  private constructor(private readonly params: Map<string, { w: tf.Tensor4D; b: tf.Tensor1D }>) {}

  /**
   * Builds the extractor from a torchvision state dict. Strict (`@ganseg/io`'s `checkWeights`):
   * every convolution up to conv4_2 must be there with its shape and finite values, and every
   * other key must be one of `vgg16`'s later convolutions or its classifier.
   *
   * @param state Name to tensor, as read from the `.pth`.
   * @param file The file's name, for error messages.
   * @returns The extractor (owns its tensors; call `dispose`).
   * @throws WeightsMismatchError (`@ganseg/io`) naming the file and every missing, unexpected,
   *   mis-shaped and non-finite key.
   */
  static fromTorch(state: Map<string, RawTensor> | Record<string, RawTensor>, file = 'vgg16 weights'): Vgg16Features {
    const entries = (state instanceof Map ? [...state.entries()] : Object.entries(state)).filter(([key]) => !_unused(key));
    const found = new Map(entries.map(([key, t]) => [key, { shape: t.shape, values: t.data }]));
    const expected = CONVS.flatMap(([idx, , cin, cout]) => [
      { name: `features.${idx}.weight`, shape: [cout, cin, 3, 3] },
      { name: `features.${idx}.bias`, shape: [cout] },
    ]);
    checkWeights(expected, found, {
      source: file,
      against: 'torchvision vgg16 (features up to conv4_2)',
      hint: "Give torchvision's vgg16 state dict (e.g. vgg16-397923af.pth); vgg16_bn and other nets do not fit.",
    });
    const params = new Map<string, { w: tf.Tensor4D; b: tf.Tensor1D }>();
    for (const [idx, name, cin, cout] of CONVS) {
      const w = found.get(`features.${idx}.weight`)!.values;
      const b = found.get(`features.${idx}.bias`)!.values;
      params.set(name, {
        w: tf.tidy(() => tf.transpose(tf.tensor4d(Float32Array.from(w), [cout, cin, 3, 3]), [2, 3, 1, 0])) as tf.Tensor4D,
        b: tf.tensor1d(Float32Array.from(b)),
      });
    }
    return new Vgg16Features(params);
  }

  /**
   * Activations of an image batch.
   *
   * @param image Images [N, H, W, 3] with values in [-1, 1].
   * @param layers Names among conv1_1 … conv4_2; default Image2StyleGAN's four.
   * @returns The asked activations, NHWC, post-ReLU.
   */
  features(image: tf.Tensor4D, layers: string[] = ['conv1_1', 'conv1_2', 'conv3_2', 'conv4_2']): Record<string, tf.Tensor4D> {
    const want = new Set(layers);
    const last = CONVS.filter(([, n]) => want.has(n)).map(([, n]) => n).pop();
    const out: Record<string, tf.Tensor4D> = {};
    const kept = tf.tidy(() => {
      let x = tf.div(tf.sub(tf.div(tf.add(image, 1), 2), tf.tensor1d(MEAN)), tf.tensor1d(STD)) as tf.Tensor4D;
      const keep: tf.Tensor4D[] = [];
      for (const [, name] of CONVS) {
        const p = this.params.get(name)!;
        x = tf.relu(tf.add(tf.conv2d(x, p.w, 1, 'same'), p.b)) as tf.Tensor4D;
        if (want.has(name)) {
          out[name] = x;
          keep.push(x);
        }
        if (name === last) break;
        if (POOL_AFTER.has(name)) x = tf.maxPool(x, 2, 2, 'valid');
      }
      return keep;
    });
    void kept;
    return out;
  }

  /**
   * Image2StyleGAN's perceptual loss: the sum over layers of the mean squared difference of
   * activations.
   *
   * @param a Images [N, H, W, 3] in [-1, 1].
   * @param b Images of the same shape.
   * @returns A scalar tensor.
   */
  perceptualLoss(a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar {
    return tf.tidy(() => {
      const fa = this.features(a);
      const fb = this.features(b);
      let total: tf.Scalar = tf.scalar(0);
      for (const k of Object.keys(fa)) total = tf.add(total, tf.mean(tf.squaredDifference(fa[k], fb[k])));
      return total;
    });
  }

  /** Frees the weights. */
  dispose(): void {
    for (const p of this.params.values()) tf.dispose([p.w, p.b]);
  }
}
