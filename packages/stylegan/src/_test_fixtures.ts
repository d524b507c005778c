// Test helper (not built): reads packages/stylegan/fixtures/<name>/ written by
// tools/stylegan-ref/make_fixtures.py.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { maxAbsDiff as maxAbsDiffOf } from '@ganseg/test-util';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export interface Fixture {
  dir: string;
  index: {
    config: Record<string, number>;
    batch: number;
    psi: number;
    cutoff: number;
    mixLayer: number;
    numLayers: number;
    activationNames: string[];
    files: Record<string, { file: string; shape: number[] }>;
  };
  array(key: string): { data: Float32Array; shape: number[] };
  tensor<T extends tf.Tensor>(key: string): T;
}

export function readFixture(name: string): Fixture {
  const dir = path.join(FIXTURES, name);
  const index = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  const array = (key: string) => {
    const f = index.files[key];
    if (!f) throw new Error(`fixture ${name} has no ${key}`);
    const buf = readFileSync(path.join(dir, f.file));
    const data = new Float32Array(buf.byteLength / 4);
    new Uint8Array(data.buffer).set(buf);
    return { data, shape: f.shape as number[] };
  };
  return {
    dir,
    index,
    array,
    tensor: <T extends tf.Tensor>(key: string) => {
      const a = array(key);
      return tf.tensor(a.data, a.shape) as T;
    },
  };
}

/** Max absolute difference between a tensor and an expected array (shapes must match). */
export function maxAbsDiff(t: tf.Tensor, expected: { data: Float32Array; shape: number[] }): number {
  expect(t.shape).toEqual(expected.shape);
  return maxAbsDiffOf(t.dataSync(), expected.data); // a NaN is Infinity: a failure
}
