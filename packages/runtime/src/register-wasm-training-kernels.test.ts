import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { maxRelDiff } from '@ganseg/test-util';
import { initBackend } from './init-backend.js';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels.js';
import { KernelAttributeError } from './kernel-attribute-error.js';
import { _data, _gradsOn } from './_test_util.js';

// Tolerance: max|wasm - cpu| / max(1, max|cpu|) over every element of the loss and each gradient.
const TOL = 1e-4;
type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

/** Inserts d-1 zeros between filter taps (differentiable), so a dilation-1 cpu conv is a reference for a dilated one. */
function dilateFilter(f: tf.Tensor4D, d: number): tf.Tensor4D {
  if (d === 1) return f;
  const [kh, kw, a, b] = f.shape;
  const z = tf.pad(tf.reshape(f, [kh, 1, kw, 1, a, b]), [[0, 0], [0, d - 1], [0, 0], [0, d - 1], [0, 0], [0, 0]]);
  return tf.slice(tf.reshape(z, [kh * d, kw * d, a, b]), [0, 0, 0, 0], [(kh - 1) * d + 1, (kw - 1) * d + 1, a, b]) as tf.Tensor4D;
}

async function compare(seed: number, shapes: number[][], wasmLoss: (...xs: tf.Tensor[]) => tf.Scalar, cpuLoss = wasmLoss): Promise<number> {
  const data = _data(seed, shapes);
  const w = await _gradsOn('wasm', wasmLoss, shapes, data);
  const c = await _gradsOn('cpu', cpuLoss, shapes, data);
  await tf.setBackend('wasm');
  expect(w.leaked).toBe(0);
  expect(c.grads.length).toBe(w.grads.length);
  let err = maxRelDiff([w.value], [c.value]);
  w.grads.forEach((g, i) => {
    expect(c.grads[i].some((v) => v !== 0)).toBe(true); // a zero reference would prove nothing
    err = Math.max(err, maxRelDiff(g, c.grads[i]));
  });
  return err;
}

/** A fixed random weighting of the output, so dy is not all ones. */
function weight(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(_data(seed, [shape])[0], shape);
}

beforeAll(async () => {
  // These test ganseg's own wasm kernels: without @ganseg/native's oneDNN kernels over them
  // (tested in @ganseg/native).
  process.env.GANSEG_NATIVE = '0';
  await initBackend({ backend: 'wasm' });
});

describe('registerWasmTrainingKernels', () => {
  it('lists what it registers, and registering twice changes nothing', () => {
    const names = registerWasmTrainingKernels();
    expect(names).toEqual([
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
      'UnsortedSegmentSum',
      'MaxPoolGrad',
      'ResizeBilinearGrad',
      'ResizeNearestNeighborGrad',
      'Identity',
      'Cast',
      'grad:Conv2D',
      'grad:DepthwiseConv2dNative',
      'grad:Tile',
    ]);
    const before = names.filter((n) => !n.startsWith('grad:')).map((n) => tf.getKernel(n, 'wasm')!.kernelFunc);
    expect(registerWasmTrainingKernels()).toEqual(names);
    const after = names.filter((n) => !n.startsWith('grad:')).map((n) => tf.getKernel(n, 'wasm')!.kernelFunc);
    expect(after).toEqual(before);
  });

  it('Identity and a same-dtype Cast share the data (no copy); other casts convert; either tensor can go first', async () => {
    await tf.setBackend('wasm');
    registerWasmTrainingKernels();
    const b = tf.backend() as unknown as { dataIdMap: { get(id: object): { memoryOffset: number } } };
    const before = tf.memory().numBytes;
    const x = tf.tensor([1.5, -2.25, 3]);
    const y = tf.clone(x);
    const z = tf.cast(x, 'float32');
    expect(b.dataIdMap.get(y.dataId)!.memoryOffset).toBe(b.dataIdMap.get(x.dataId)!.memoryOffset);
    expect(z.dataId).toBe(x.dataId);
    const i = tf.cast(x, 'int32');
    expect(i.dtype).toBe('int32');
    expect(Array.from(i.dataSync())).toEqual([1, -2, 3]);
    x.dispose(); // the copies keep the buffer
    expect(Array.from(y.dataSync())).toEqual([1.5, -2.25, 3]);
    expect(Array.from(z.dataSync())).toEqual([1.5, -2.25, 3]);
    tf.dispose([y, z, i]);
    expect(tf.memory().numBytes).toBe(before);
    // Gradients saved through Identity clones still come out right.
    const v = tf.variable(tf.tensor([1, 2, 3]));
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.square(a), a)))(v);
    expect(Array.from(g.dataSync())).toEqual([3, 12, 27]);
    tf.dispose([v, g]);
  });

  const convCases: Array<{ x: number[]; k: number; co: number; s: number; d: number; pad: Pad }> = [];
  for (const s of [1, 2]) for (const pad of ['same', 'valid', [[0, 0], [1, 2], [0, 1], [0, 0]]] as Pad[]) for (const k of [1, 3]) convCases.push({ x: [2, 9, 8, 3], k, co: 4, s, d: 1, pad });
  for (const d of [2, 6, 12]) for (const pad of ['same', 'valid', [[0, 0], [d, d + 1], [2, 0], [0, 0]]] as Pad[]) convCases.push({ x: [1, 27, 26, 3], k: 3, co: 2, s: 1, d, pad });
  convCases.push({ x: [1, 10, 10, 2], k: 4, co: 3, s: 2, d: 1, pad: 'same' }, { x: [1, 11, 9, 2], k: 5, co: 3, s: 3, d: 1, pad: 'same' });

  it.each(convCases)('conv2d grads (x, filter) match cpu: x $x k $k s $s d $d pad $pad', async ({ x, k, co, s, d, pad }) => {
    const fShape = [k, k, x[3], co];
    const out = tf.tidy(() => tf.conv2d(tf.zeros<tf.Rank>(x) as tf.Tensor4D, tf.zeros<tf.Rank>(fShape) as tf.Tensor4D, s, pad as 'same', 'NHWC', d).shape);
    const wt = weight(out, 99);
    const err = await compare(
      1 + k + s + d,
      [x, fShape],
      (a, f) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, s, pad, 'NHWC', d), wt)),
      (a, f) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, dilateFilter(f as tf.Tensor4D, d), s, pad), wt)),
    );
    wt.dispose();
    expect(err).toBeLessThan(TOL);
  });

  const tCases: Array<{ x: number[]; k: number; ci: number; s: number; pad: 'same' | 'valid' }> = [];
  for (const s of [1, 2]) for (const k of [3, 4]) for (const pad of ['same', 'valid'] as const) tCases.push({ x: [2, 5, 6, 4], k, ci: 3, s, pad });

  tCases.push({ x: [1, 5, 5, 4], k: 3, ci: 3, s: 2, pad: 'same', odd: true } as (typeof tCases)[number]);

  it.each(tCases)('conv2dTranspose value and grads (input, filter) match cpu: x $x k $k s $s pad $pad', async (c) => {
    const { x, k, ci, s, pad } = c;
    // `odd`: an output one row and column short of x * stride, which 'same' also maps onto x.
    const cut = (c as { odd?: boolean }).odd ? 1 : 0;
    const oh = pad === 'same' ? x[1] * s - cut : (x[1] - 1) * s + k;
    const ow = pad === 'same' ? x[2] * s - cut : (x[2] - 1) * s + k;
    const outShape: [number, number, number, number] = [x[0], oh, ow, ci];
    const wt = weight(outShape, 98);
    const err = await compare(7 + k + s, [x, [k, k, ci, x[3]]], (a, f) =>
      tf.sum(tf.mul(tf.conv2dTranspose(a as tf.Tensor4D, f as tf.Tensor4D, outShape, s, pad), wt)),
    );
    wt.dispose();
    expect(err).toBeLessThan(TOL);
  });

  const dwCases: Array<{ x: number[]; k: number; m: number; s: number; d: number; pad: Pad }> = [];
  for (const s of [1, 2]) for (const pad of ['same', 'valid', [[0, 0], [1, 0], [2, 1], [0, 0]]] as Pad[]) for (const m of [1, 2]) dwCases.push({ x: [2, 9, 10, 3], k: 3, m, s, d: 1, pad });
  for (const d of [2, 6]) for (const pad of ['same', 'valid'] as Pad[]) dwCases.push({ x: [1, 17, 16, 3], k: 3, m: 2, s: 1, d, pad });
  dwCases.push({ x: [1, 12, 12, 2], k: 4, m: 1, s: 2, d: 1, pad: 'same' });

  it.each(dwCases)('depthwiseConv2d grads match cpu: x $x k $k mult $m s $s d $d pad $pad', async ({ x, k, m, s, d, pad }) => {
    const fShape = [k, k, x[3], m];
    const out = tf.tidy(() => tf.depthwiseConv2d(tf.zeros<tf.Rank>(x) as tf.Tensor4D, tf.zeros<tf.Rank>(fShape) as tf.Tensor4D, s, pad as 'same', 'NHWC', d).shape);
    const wt = weight(out, 97);
    const err = await compare(
      20 + k + s + d + m,
      [x, fShape],
      (a, f) => tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, f as tf.Tensor4D, s, pad, 'NHWC', d), wt)),
      (a, f) => tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, dilateFilter(f as tf.Tensor4D, d), s, pad), wt)),
    );
    wt.dispose();
    expect(err).toBeLessThan(TOL);
  });

  it('conv2d with a numeric pad and each dimRoundingMode matches cpu (the equivalent explicit padding)', async () => {
    // 9x8 input, pad 1, 3x3, stride 2: 5x4 out with 'floor', 5x5 with 'round' and 'ceil', whose last
    // column reads one zero beyond the right pad. tfjs's own Conv2D gradient drops dimRoundingMode
    // (cpu then gets the filter gradient wrong), so the cpu reference is the explicit padding.
    // Gradients only: wasm's own forward conv2d (XNNPACK) is wrong for 'round' and 'ceil' here.
    for (const [mode, right] of [['floor', 1], ['round', 2], ['ceil', 2]] as const) {
      const ow = mode === 'floor' ? 4 : 5;
      const shapes = [[2, 9, 8, 2], [3, 3, 2, 3]];
      const data = _data(90, shapes);
      const wt = weight([2, 5, ow, 3], 96);
      const w = await _gradsOn('wasm', (a, f) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 2, 1, 'NHWC', 1, mode), wt)), shapes, data);
      const c = await _gradsOn('cpu', (a, f) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 2, [[0, 0], [1, 1], [1, right], [0, 0]]), wt)), shapes, data);
      await tf.setBackend('wasm');
      wt.dispose();
      expect(w.leaked).toBe(0);
      expect(maxRelDiff(w.grads[0], c.grads[0])).toBeLessThan(TOL);
      expect(maxRelDiff(w.grads[1], c.grads[1])).toBeLessThan(TOL);
    }
  });

  it("StyleGAN's [1,2,1] blur (a fixed depthwise filter) passes gradients like cpu", async () => {
    const k1 = [1, 2, 1];
    const blur = Array.from({ length: 9 }, (_, i) => (k1[Math.floor(i / 3)] * k1[i % 3]) / 16);
    const err = await compare(31, [[2, 8, 8, 4]], (a) => {
      const f = tf.tile(tf.reshape(tf.tensor1d(blur), [3, 3, 1, 1]), [1, 1, 4, 1]) as tf.Tensor4D;
      return tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, f, 1, 'same')));
    });
    expect(err).toBeLessThan(TOL);
  });

  it('separableConv2d grads (input, depthwise, pointwise) match cpu', async () => {
    for (const [s, d] of [
      [1, 1],
      [2, 1],
      [1, 2],
    ]) {
      const err = await compare(40 + s + d, [[2, 11, 11, 3], [3, 3, 3, 2], [1, 1, 6, 5]], (a, dw, pw) =>
        tf.sum(tf.square(tf.separableConv2d(a as tf.Tensor4D, dw as tf.Tensor4D, pw as tf.Tensor4D, s, 'same', d))),
      );
      expect(err).toBeLessThan(TOL);
    }
  });

  it('gather grads (UnsortedSegmentSum, repeated indices) match cpu, and bad ids are refused by name', async () => {
    const err = await compare(50, [[6, 4]], (p) => tf.sum(tf.square(tf.gather(p, tf.tensor1d([0, 2, 2, 5, 0, 0], 'int32')))));
    expect(err).toBeLessThan(TOL);
    const err1 = await compare(51, [[3, 5, 2]], (p) => tf.sum(tf.square(tf.gather(p, tf.tensor2d([[1, 1], [4, 0]], [2, 2], 'int32'), 1))));
    expect(err1).toBeLessThan(TOL);
    expect(() => tf.unsortedSegmentSum(tf.ones([3]), tf.tensor1d([0, 1, 7], 'int32'), 3)).toThrow(KernelAttributeError);
  });

  it('refuses NCHW data by name', () => {
    expect(() =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.ones([1, 4, 4, 1]), dy: tf.ones([1, 4, 4, 1]) }, {
        strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [1, 1, 1, 1],
      } as unknown as tf.NamedAttrMap),
    ).toThrow(/Conv2DBackpropFilter: attribute "dataFormat" expected "NHWC", found "NCHW"/);
  });
});

// Gradients the wasm backend already had: audited against cpu, since training depends on them.
describe('wasm gradients tfjs ships, audited against cpu', () => {
  const x4 = [2, 9, 10, 3];
  const cases: Array<[string, number[][], (...xs: tf.Tensor[]) => tf.Scalar]> = [
    [
      'batch norm from moments, with scale and offset',
      [x4, [3], [3]],
      (a, g, b) => {
        const { mean, variance } = tf.moments(a, [0, 1, 2]);
        return tf.sum(tf.square(tf.batchNorm(a, mean, variance, b, g, 1e-3)));
      },
    ],
    [
      'instance norm from moments, rsqrt',
      [x4],
      (a) => {
        const { mean, variance } = tf.moments(a, [1, 2], true);
        return tf.sum(tf.mul(tf.mul(tf.sub(a, mean), tf.rsqrt(tf.add(variance, 1e-5))), tf.linspace(-1, 1, 270).reshape([1, 9, 10, 3])));
      },
    ],
    ['leakyRelu, square', [x4], (a) => tf.sum(tf.square(tf.leakyRelu(a, 0.2)))],
    ['softmax cross-entropy', [[6, 5]], (a) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([0, 4, 2, 2, 1, 3], 'int32'), 5), a) as tf.Scalar],
    ['logSoftmax', [[6, 5]], (a) => tf.sum(tf.mul(tf.logSoftmax(a), tf.range(0, 5)))],
    [
      'concat, slice, pad, mirrorPad',
      [x4, x4],
      (a, b) => {
        const c = tf.slice(tf.concat([a, tf.mul(b, 2)], 3), [0, 1, 2, 1], [2, 6, 7, 4]);
        const p = tf.mirrorPad(tf.pad(c, [[0, 0], [1, 2], [2, 1], [0, 0]], 0.5), [[0, 0], [2, 2], [1, 1], [0, 0]], 'reflect');
        return tf.sum(tf.square(tf.mirrorPad(p, [[0, 0], [1, 0], [0, 1], [0, 0]], 'symmetric')));
      },
    ],
    ['avgPool 3x3 s1 same', [x4], (a) => tf.sum(tf.square(tf.avgPool(a as tf.Tensor4D, 3, 1, 'same')))],
    ['avgPool 3x3 s2 valid', [x4], (a) => tf.sum(tf.square(tf.avgPool(a as tf.Tensor4D, 3, 2, 'valid')))],
    ['avgPool 2x2 s2 same', [x4], (a) => tf.sum(tf.square(tf.avgPool(a as tf.Tensor4D, 2, 2, 'same')))],
    ['avgPool 2x2 s1 valid', [x4], (a) => tf.sum(tf.square(tf.avgPool(a as tf.Tensor4D, 2, 1, 'valid')))],
    [
      'fused conv2d + bias (linear, and relu) and fused depthwise + bias',
      [x4, [3, 3, 3, 4], [4], [3, 3, 3, 1], [3]],
      (a, f, b, d, e) => {
        const lin = tf.fused.conv2d({ x: a as tf.Tensor4D, filter: f as tf.Tensor4D, strides: 1, pad: 'same', bias: b });
        const relu = tf.fused.conv2d({ x: a as tf.Tensor4D, filter: f as tf.Tensor4D, strides: 2, pad: 'same', bias: b, activation: 'relu', dilations: 1 });
        const dw = tf.fused.depthwiseConv2d({ x: a as tf.Tensor4D, filter: d as tf.Tensor4D, strides: 1, pad: 'same', bias: e, activation: 'leakyrelu', leakyreluAlpha: 0.2 });
        return tf.addN([tf.sum(tf.square(lin)), tf.sum(tf.square(relu)), tf.sum(tf.square(dw))]) as tf.Scalar;
      },
    ],
    [
      'fused matMul + bias + relu, softmax, log, div, sqrt, abs, maximum',
      [[6, 5], [5, 4], [4]],
      (a, b, c) => {
        const y = tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, activation: 'relu' });
        const z = tf.div(tf.log(tf.add(tf.softmax(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D)), 0.1)), tf.sqrt(tf.add(tf.abs(y), 1)));
        return tf.sum(tf.mul(tf.maximum(z, tf.neg(y)), tf.linspace(-1, 1, 24).reshape([6, 4])));
      },
    ],
    [
      'atrous conv via spaceToBatchND / batchToSpaceND',
      [[1, 12, 12, 3], [3, 3, 3, 2]],
      (a, f) => {
        const s = tf.spaceToBatchND(a, [2, 2], [[2, 2], [2, 2]]);
        const y = tf.batchToSpaceND(tf.conv2d(s as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid'), [2, 2], [[0, 0], [0, 0]]);
        return tf.sum(tf.square(y));
      },
    ],
    [
      'tile, reverse, split, unstack, stack, broadcastTo, squaredDifference, where, max, expandDims, squeeze',
      [[2, 3, 4]],
      (a) => {
        const [p, q] = tf.split(tf.tile(tf.reverse(a, [1]), [1, 2, 1]), 2, 1);
        const u = tf.stack(tf.unstack(tf.squaredDifference(p, tf.broadcastTo(tf.max(q, 1, true), q.shape)), 0));
        const w = tf.where(tf.greater(tf.expandDims(tf.range(0, 4), 0), 1), tf.squeeze(tf.expandDims(u, 3), [3]), tf.mul(u, 3));
        return tf.sum(tf.tanh(w));
      },
    ],
    ['matMul, sigmoid, tanh', [[5, 7], [7, 3]], (a, b) => tf.sum(tf.tanh(tf.sigmoid(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D))))],
  ];
  it.each(cases)('%s', async (_name, shapes, loss) => {
    expect(await compare(60, shapes, loss)).toBeLessThan(TOL);
  });
});

describe('tile gradient (replaced on every backend: one reshape and sum instead of a slice per repetition)', () => {
  it.each([
    [[2, 1, 1, 5], [1, 7, 6, 1]],
    [[2, 3, 4, 5], [2, 2, 1, 3]],
    [[3, 4], [4, 1]],
  ])('x %j reps %j matches cpu', async (shape, reps) => {
    const w = weight(shape.map((d, i) => d * reps[i]), 77);
    expect(await compare(76, [shape], (a) => tf.sum(tf.mul(tf.tile(a, reps), w)))).toBeLessThan(TOL);
  });
});

describe('maxPool gradient (registered: wasm MaxPoolGrad is wrong on non-square inputs)', () => {
  const cases: Array<[number, number, 'same' | 'valid' | number]> = [];
  for (const k of [2, 3]) for (const s of [1, 2]) for (const p of ['same', 'valid'] as const) cases.push([k, s, p]);
  cases.push([3, 2, 1], [3, 3, 'same']);
  it.each(cases)('k %i s %i pad %s matches cpu', async (k, s, pad) => {
    expect(await compare(70 + k + s, [[2, 9, 10, 3]], (a) => tf.sum(tf.square(tf.maxPool(a as tf.Tensor4D, k, s, pad))))).toBeLessThan(TOL);
  });

  it('gives a tie to the first maximum in the window, as cpu does', async () => {
    const shapes = [[1, 4, 6, 2]];
    const data = [new Float32Array(48).map((_, i) => Math.floor(i / 7) % 3)];
    const loss = (a: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 2, 1, 'same'), tf.linspace(1, 2, 48).reshape([1, 4, 6, 2])));
    const w = await _gradsOn('wasm', loss, shapes, data);
    const c = await _gradsOn('cpu', loss, shapes, data);
    await tf.setBackend('wasm');
    expect(maxRelDiff(w.grads[0], c.grads[0])).toBeLessThan(TOL);
    expect(w.leaked).toBe(0);
  });
});

/**
 * Reference gradient of a per-channel linear spatial map (a resize), from the cpu forward kernel
 * only: push every one-hot image through it, then dx = F^T dy.
 */
async function resizeReference(shape: number[], f: (a: tf.Tensor4D) => tf.Tensor4D, dy: Float32Array): Promise<Float32Array> {
  await tf.setBackend('cpu');
  const [n, h, w, c] = shape;
  const out = tf.tidy(() => {
    const basis = tf.reshape(tf.eye(h * w), [h * w, h, w, 1]) as tf.Tensor4D;
    const fb = f(basis); // [HW, OH, OW, 1]
    const [, oh, ow] = fb.shape;
    const fm = tf.reshape(fb, [h * w, oh * ow]);
    const dyt = tf.transpose(tf.reshape(tf.tensor(dy), [n, oh * ow, c]), [1, 0, 2]).reshape([oh * ow, n * c]);
    return tf.transpose(tf.reshape(tf.matMul(fm, dyt), [h * w, n, c]), [1, 0, 2]);
  });
  const r = out.dataSync() as Float32Array;
  out.dispose();
  await tf.setBackend('wasm');
  return r;
}

describe('resize gradients (registered: wasm swaps height and width on non-square images)', () => {
  const cases: Array<[string, 'bilinear' | 'nearest', [number, number], boolean, boolean]> = [];
  for (const mode of ['bilinear', 'nearest'] as const)
    for (const size of [[17, 23], [4, 6], [18, 20]] as Array<[number, number]>)
      for (const [ac, hp] of [[false, false], [true, false], [false, true]]) cases.push([`${mode} to ${size} alignCorners=${ac} halfPixel=${hp}`, mode, size, ac, hp]);
  it.each(cases)('%s matches the cpu forward adjoint', async (_name, mode, size, ac, hp) => {
    const shape = [2, 9, 10, 3];
    const resize = (a: tf.Tensor4D) => (mode === 'bilinear' ? tf.image.resizeBilinear(a, size, ac, hp) : tf.image.resizeNearestNeighbor(a, size, ac, hp));
    const [x, dy] = _data(80, [shape, [2, size[0], size[1], 3]]);
    const wt = tf.tensor(dy, [2, size[0], size[1], 3]);
    const w = await _gradsOn('wasm', (a) => tf.sum(tf.mul(resize(a as tf.Tensor4D), wt)), [shape], [x]);
    wt.dispose();
    expect(w.leaked).toBe(0);
    const ref = await resizeReference(shape, resize, dy);
    expect(ref.some((v) => v !== 0)).toBe(true);
    expect(maxRelDiff(w.grads[0], ref)).toBeLessThan(TOL);
  });
});
