import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { maxRelDiff } from '@ganseg/test-util';
import { initBackend } from './init-backend.js';
import { _conv2dBackpropFilter } from './_conv2d-backprop.js';
import { _depthwiseBackpropFilter } from './_depthwise-backprop.js';
import { _data } from './_test_util.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

function read(t: tf.Tensor): Float32Array {
  const v = t.dataSync() as Float32Array;
  t.dispose();
  return v;
}

// The filter gradients work in chunks of output rows when the input is large; a tiny budget
// forces one row a chunk here. Reference: tfjs's cpu kernels.
describe('filter gradients in row chunks', () => {
  const cases: Array<[number, 'same' | 'valid']> = [
    [1, 'same'],
    [2, 'same'],
    [1, 'valid'],
    [2, 'valid'],
  ];
  it.each(cases)('stride %i pad %s: chunked == whole == cpu', async (s, pad) => {
    const xShape: [number, number, number, number] = [2, 13, 11, 3];
    const [oh, ow] = tf.tidy(() => tf.conv2d(tf.zeros(xShape) as tf.Tensor4D, tf.zeros([3, 3, 3, 4]) as tf.Tensor4D, s, pad).shape.slice(1, 3));
    const dyShape: [number, number, number, number] = [2, oh, ow, 4];
    const dwDyShape: [number, number, number, number] = [2, oh, ow, 6];
    const [xd, dyd, dwd] = _data(s + 10, [xShape, dyShape, dwDyShape]);
    const x = tf.tensor4d(xd, xShape);
    const dy = tf.tensor4d(dyd, dyShape);
    const dwDy = tf.tensor4d(dwd, dwDyShape);
    const before = tf.memory().numTensors;
    const whole = read(_conv2dBackpropFilter(x, dy, [3, 3, 3, 4], { strides: s, pad }));
    const chunked = read(_conv2dBackpropFilter(x, dy, [3, 3, 3, 4], { strides: s, pad, dilations: 1, dataFormat: 'NHWC' }, 100));
    const dwWhole = read(_depthwiseBackpropFilter(x, dwDy, [3, 3, 3, 2], { strides: s, pad }));
    const dwChunked = read(_depthwiseBackpropFilter(x, dwDy, [3, 3, 3, 2], { strides: s, pad, dilations: 1 }, 100));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, dy, dwDy]);
    await tf.setBackend('cpu');
    const [ref, dwRef] = tf.tidy(() => {
      const xc = tf.tensor4d(xd, xShape);
      const attrs = { strides: s, pad, dilations: 1, dataFormat: 'NHWC' };
      return [
        tf.engine().runKernel('Conv2DBackpropFilter', { x: xc, dy: tf.tensor4d(dyd, dyShape) }, { ...attrs, filterShape: [3, 3, 3, 4] } as never) as tf.Tensor,
        tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x: xc, dy: tf.tensor4d(dwd, dwDyShape) }, { ...attrs, filterShape: [3, 3, 3, 2] } as never) as tf.Tensor,
      ];
    });
    const [r1, r2] = [read(ref), read(dwRef)];
    await tf.setBackend('wasm');
    expect(maxRelDiff(whole, r1)).toBeLessThan(1e-4);
    expect(maxRelDiff(chunked, r1)).toBeLessThan(1e-4);
    expect(maxRelDiff(dwWhole, r2)).toBeLessThan(1e-4);
    expect(maxRelDiff(dwChunked, r2)).toBeLessThan(1e-4);
  });
});

// A narrowing filter (Co < Ci) at stride 1 takes the other path (taps shift dy, not x).
describe('filter gradient of a narrowing filter (Co < Ci), stride 1', () => {
  const cases: Array<[number, number, 'same' | 'valid' | number]> = [
    [3, 1, 'same'],
    [3, 1, 'valid'],
    [3, 2, 'same'],
    [3, 1, 2],
    [1, 1, 'same'],
    [2, 1, 'valid'],
  ];
  it.each(cases)('%i-tap kernel, dilation %i, pad %s: chunked == whole == cpu', async (k, dil, pad) => {
    const xShape: [number, number, number, number] = [2, 13, 11, 5];
    const fShape: [number, number, number, number] = [k, k, 5, 2];
    const [oh, ow] = tf.tidy(() => tf.conv2d(tf.zeros(xShape) as tf.Tensor4D, tf.zeros(fShape) as tf.Tensor4D, 1, pad, 'NHWC', dil).shape.slice(1, 3));
    const dyShape: [number, number, number, number] = [2, oh, ow, 2];
    const [xd, dyd] = _data(k * 7 + dil, [xShape, dyShape]);
    const x = tf.tensor4d(xd, xShape);
    const dy = tf.tensor4d(dyd, dyShape);
    const before = tf.memory().numTensors;
    const whole = read(_conv2dBackpropFilter(x, dy, fShape, { strides: 1, pad, dilations: dil }));
    const chunked = read(_conv2dBackpropFilter(x, dy, fShape, { strides: 1, pad, dilations: dil, dataFormat: 'NHWC' }, 100));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, dy]);
    await tf.setBackend('cpu');
    // cpu's kernel has no dilation: a dilated kernel is the undilated one of size (k-1)*dil+1 whose
    // taps off the dilation grid are zero, so its gradient is that one's at the grid's taps
    const ke = (k - 1) * dil + 1;
    const ref = tf.tidy(() => {
      const full = tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(xd, xShape), dy: tf.tensor4d(dyd, dyShape) }, { strides: 1, pad, dataFormat: 'NHWC', filterShape: [ke, ke, 5, 2] } as never) as tf.Tensor4D;
      return tf.stridedSlice(full, [0, 0, 0, 0], [ke, ke, 5, 2], [dil, dil, 1, 1]);
    });
    const r = read(ref);
    await tf.setBackend('wasm');
    expect(maxRelDiff(whole, r)).toBeLessThan(1e-4);
    expect(maxRelDiff(chunked, r)).toBeLessThan(1e-4);
  });
});
