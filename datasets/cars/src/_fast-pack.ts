import * as tf from '@tensorflow/tfjs-core';

/**
 * Interim speed fix for training on wasm, for this process only: a gradient of Pack (tf.stack)
 * that unstacks through a rank-2 reshape and split. tfjs's own (unstack) slices rank >= 5 tensors
 * element by element in JavaScript on wasm, and @ganseg/stylegan's upscale convolution stacks
 * rank-5 and rank-6 tensors, which makes a training step about twice slower. Same values (a
 * reshape and a split), so the training is unchanged. Remove once stylegan's _upConv uses
 * concat + reshape (or runtime registers a fast Unpack for wasm).
 */
export function _registerFastPackGradient(): void {
  tf.registerGradient({
    kernelName: 'Pack',
    saveAllInputs: true,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
      const d = dy as tf.Tensor;
      const axis = attrs.axis as number;
      const k = saved.length;
      const before = d.shape.slice(0, axis).reduce((a, b) => a * b, 1);
      const after = d.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
      const parts = tf.split(tf.reshape(d, [before, k * after]), k, 1);
      const grads: Record<number, () => tf.Tensor> = {};
      saved.forEach((x, i) => (grads[i] = () => tf.reshape(parts[i], x.shape)));
      return grads;
    },
  } as unknown as Parameters<typeof tf.registerGradient>[0]);
}
