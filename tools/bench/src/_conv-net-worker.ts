// WorkerPool task module for worker-pool.bench: a small conv net forward pass over one image.
import * as tf from '@tensorflow/tfjs-core';
import { createRng, WorkerPool } from '@ganseg/runtime';

/** Input side and channels of the benchmark images. */
export const IMAGE = { size: 64, channels: 3 };

let weights: tf.Tensor4D[] = [];

const LAYERS: Array<[number, number, number, number]> = [
  [3, 3, 3, 32],
  [3, 3, 32, 64],
  [3, 3, 64, 64],
  [3, 3, 64, 64],
  [1, 1, 64, 8],
];

/** Builds the net's weights from a seed (the same in every worker). */
export async function init(seed: number): Promise<void> {
  const r = createRng(seed);
  weights = LAYERS.map((s) => tf.tensor4d(r.normalArray(s[0] * s[1] * s[2] * s[3]).map((v) => v * Math.sqrt(2 / (s[0] * s[1] * s[2]))), s));
}

/** Forward pass of one image `[size, size, 3]`; returns the `[size/4, size/4, 8]` output. */
export function forward(image: Float32Array): Float32Array {
  const out = tf.tidy(() => {
    let h = tf.tensor4d(image, [1, IMAGE.size, IMAGE.size, IMAGE.channels]);
    h = tf.relu(tf.conv2d(h, weights[0], 1, 'same'));
    h = tf.relu(tf.conv2d(h, weights[1], 2, 'same'));
    h = tf.relu(tf.conv2d(h, weights[2], 1, 'same'));
    h = tf.relu(tf.conv2d(h, weights[3], 2, 'same'));
    return tf.conv2d(h, weights[4], 1, 'same');
  });
  const data = out.dataSync() as Float32Array; // read outside tidy
  out.dispose();
  return data;
}

/** The pool's task handler. */
export async function handle(task: { image: Float32Array }): Promise<Float32Array> {
  const out = forward(task.image);
  return WorkerPool.transfer(out, [out.buffer as ArrayBuffer]);
}

/** Multiply-adds x2 of one forward pass. */
export function forwardFlops(): number {
  let flops = 0;
  let hw = IMAGE.size;
  const strides = [1, 2, 1, 2, 1];
  LAYERS.forEach((s, i) => {
    hw = Math.ceil(hw / strides[i]);
    flops += 2 * hw * hw * s[0] * s[1] * s[2] * s[3];
  });
  return flops;
}
