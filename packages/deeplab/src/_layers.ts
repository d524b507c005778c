import * as tf from '@tensorflow/tfjs-core';
import { registerWasmTrainingKernels } from '@ganseg/runtime';
import { batchNormTrain } from '@ganseg/native';

/** What a forward pass needs: the weights by name, the mode, and where batch-norm statistics go. */
export interface _Ctx {
  get(name: string): tf.Tensor;
  training: boolean;
  /** Called in training mode with the updated running statistics of a batch-norm layer. */
  updateStat(name: string, value: tf.Tensor): void;
}

/** PyTorch's batch-norm defaults. */
export const _BN_EPS = 1e-5;
export const _BN_MOMENTUM = 0.1;

let _gradientsReady = false;

/**
 * A convolution as PyTorch pads it (`padding = dilation * (k - 1) / 2` on every side), NHWC,
 * weights `[kh, kw, in, out]`. Dilated convolutions use conv2d's own dilations; their gradient
 * (which tfjs-core refuses for dilations > 1) comes from @ganseg/runtime, registered here once for
 * every backend. When the dilation reaches past the feature map, only the centre tap sees data and
 * the convolution is a 1x1 one.
 */
export function _conv(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, dilation = 1): tf.Tensor4D {
  const k = w.shape[0];
  const c = (k - 1) / 2;
  if (dilation > 1) {
    if (dilation >= x.shape[1] && dilation >= x.shape[2]) {
      return tf.conv2d(x, tf.slice(w, [c, c, 0, 0], [1, 1, -1, -1]) as tf.Tensor4D, 1, 'valid');
    }
    if (!_gradientsReady) {
      registerWasmTrainingKernels();
      _gradientsReady = true;
    }
  }
  const p = dilation * c;
  if (p === 0) return tf.conv2d(x, w, stride, 'valid');
  return tf.conv2d(x, w, stride, [[0, 0], [p, p], [p, p], [0, 0]], 'NHWC', dilation);
}

/**
 * Batch norm over N, H, W (batch statistics and running-statistics updates when training), then
 * `activation`. Training runs `batchNormTrain`: one oneDNN call each way under @ganseg/native,
 * else tfjs ops that keep one activation-sized tensor for the backward pass.
 */
export function _bn(x: tf.Tensor4D, ctx: _Ctx, name: string, activation: 'linear' | 'relu' = 'linear'): tf.Tensor4D {
  const gamma = ctx.get(`${name}.weight`);
  const beta = ctx.get(`${name}.bias`);
  if (!ctx.training) {
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(ctx.get(`${name}.running_var`), _BN_EPS)));
    const shift = tf.sub(beta, tf.mul(ctx.get(`${name}.running_mean`), scale));
    const y = tf.add(tf.mul(x, scale), shift) as tf.Tensor4D;
    return activation === 'relu' ? tf.relu(y) : y;
  }
  const { y, mean, variance } = batchNormTrain(x, gamma as tf.Tensor1D, beta as tf.Tensor1D, { epsilon: _BN_EPS, activation });
  // The running variance follows the batch's biased variance. PyTorch applies Bessel's correction
  // n/(n-1) here; at the image-pooling branch n is the batch size, so at batch 4 eval mode would see
  // a variance 4/3 too large there (5 IoU points lost in the overfit test). Pretrained running
  // statistics are loaded as they are, so PyTorch parity in eval mode is unaffected.
  const m = _BN_MOMENTUM;
  ctx.updateStat(`${name}.running_mean`, tf.add(tf.mul(ctx.get(`${name}.running_mean`), 1 - m), tf.mul(mean, m)));
  ctx.updateStat(`${name}.running_var`, tf.add(tf.mul(ctx.get(`${name}.running_var`), 1 - m), tf.mul(variance, m)));
  return y as tf.Tensor4D;
}

/** Convolution, batch norm, ReLU. */
export function _cbr(x: tf.Tensor4D, ctx: _Ctx, conv: string, bn: string, stride = 1, dilation = 1): tf.Tensor4D {
  return _bn(_conv(x, ctx.get(`${conv}.weight`) as tf.Tensor4D, stride, dilation), ctx, bn, 'relu');
}

/**
 * Bilinear upsampling aligned to a torchvision ResNet's sampling grid: with PyTorch's symmetric
 * padding the feature at index j of a stride-s map sits on input pixel s*j, so for inputs of size
 * 16k + 1 (33, 65, 257, 513: DeepLab's crop sizes; `DeepLab.forward` pads to one) `align_corners=True`
 * maps every feature back onto its pixel exactly, edges included.
 * PyTorch's `align_corners=False` would shift every mask by (s-1)/2 pixels and leave the last
 * rows unrepresented, which costs IoU on small objects.
 */
export function _resize(x: tf.Tensor4D, h: number, w: number): tf.Tensor4D {
  if (x.shape[1] === h && x.shape[2] === w) return x;
  return tf.image.resizeBilinear(x, [h, w], true, false);
}
