// A WorkerPool task module for the tests: a small conv net forward pass over one image.
import * as tf from '@tensorflow/tfjs-core';
import { createRng, WorkerPool } from '../dist/mod.js';

let weights = null;

export async function init(seed) {
  const r = createRng(seed);
  weights = {
    c1: tf.tensor4d(r.normalArray(3 * 3 * 3 * 16), [3, 3, 3, 16]),
    c2: tf.tensor4d(r.normalArray(3 * 3 * 16 * 8), [3, 3, 16, 8]),
  };
}

export function forward(image, size) {
  const out = tf.tidy(() => {
    const x = tf.tensor4d(image, [1, size, size, 3]);
    const h = tf.relu(tf.conv2d(x, weights.c1, 1, 'same'));
    return tf.conv2d(tf.avgPool(h, 2, 2, 'valid'), weights.c2, 1, 'same');
  });
  const data = out.dataSync().slice();
  out.dispose();
  return data;
}

export async function handle(task) {
  if (task.fail) throw new Error(task.fail);
  if (task.exit) process.exit(3);
  if (task.echoLength) return { length: task.buffer.byteLength, backend: tf.getBackend() };
  const data = forward(task.image, task.size);
  return task.transfer ? WorkerPool.transfer(data, [data.buffer]) : data;
}
