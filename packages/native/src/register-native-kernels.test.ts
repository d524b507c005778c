import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { maxRelDiff } from '@ganseg/test-util';
import { nativeStatus } from './native-status.js';
import { nativeCallCount } from './register-native-kernels.js';
import { on, randn, setup } from './_test_util.js';
import { _loadAddon } from './_addon.js';

const TOL = 1e-4; // max relative error (to the reference's largest magnitude), the issue's bound
const available = nativeStatus().enabled;

describe('the addon', () => {
  it('loads in CI, where .ci/run installs libdnnl-dev (a silent fallback must not pass as native)', () => {
    if (process.env.CI) expect(nativeStatus().reason).toBeNull();
    expect(typeof available).toBe('boolean');
  });
});

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
interface ConvCase {
  n: number;
  h: number;
  w: number;
  ci: number;
  co: number; // channel multiplier for depthwise
  kh: number;
  kw: number;
  s: [number, number];
  d: [number, number];
  pad: Pad;
  round?: 'floor' | 'round' | 'ceil';
}

const CASES: ConvCase[] = [
  { n: 2, h: 9, w: 7, ci: 5, co: 6, kh: 3, kw: 3, s: [1, 1], d: [1, 1], pad: 'same' },
  { n: 1, h: 10, w: 11, ci: 8, co: 4, kh: 3, kw: 3, s: [2, 2], d: [1, 1], pad: 'same' },
  { n: 1, h: 10, w: 11, ci: 3, co: 7, kh: 3, kw: 3, s: [2, 1], d: [1, 1], pad: 'valid' },
  { n: 2, h: 12, w: 9, ci: 4, co: 4, kh: 3, kw: 3, s: [1, 1], d: [2, 3], pad: 'same' },
  { n: 1, h: 13, w: 13, ci: 6, co: 5, kh: 5, kw: 5, s: [1, 1], d: [2, 2], pad: 'valid' },
  { n: 1, h: 8, w: 8, ci: 16, co: 32, kh: 1, kw: 1, s: [1, 1], d: [1, 1], pad: 'valid' },
  { n: 1, h: 8, w: 8, ci: 16, co: 8, kh: 1, kw: 1, s: [2, 2], d: [1, 1], pad: 'same' },
  { n: 1, h: 9, w: 8, ci: 3, co: 4, kh: 3, kw: 1, s: [1, 1], d: [1, 1], pad: 2, round: 'floor' },
  { n: 1, h: 10, w: 10, ci: 4, co: 4, kh: 7, kw: 7, s: [2, 2], d: [1, 1], pad: 3, round: 'ceil' },
  { n: 1, h: 7, w: 9, ci: 2, co: 3, kh: 3, kw: 2, s: [1, 2], d: [1, 1], pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
];

function label(c: ConvCase): string {
  return `${c.n}x${c.h}x${c.w}x${c.ci}->${c.co} k${c.kh}x${c.kw} s${c.s} d${c.d} pad ${JSON.stringify(c.pad)}${c.round ? ` ${c.round}` : ''}`;
}

/**
 * A filter with dilation rates as the undilated filter of the same convolution (zeros between
 * taps): the reference for dilated cases, since tfjs-backend-cpu's backprop kernels ignore
 * dilations. `[kh, kw, a, b]` -> `[(kh-1)dh+1, (kw-1)dw+1, a, b]`.
 */
function dilateFilter(f: Float32Array, kh: number, kw: number, ab: number, dh: number, dw: number): Float32Array {
  const eh = (kh - 1) * dh + 1;
  const ew = (kw - 1) * dw + 1;
  const out = new Float32Array(eh * ew * ab);
  for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) out.set(f.subarray((y * kw + x) * ab, (y * kw + x + 1) * ab), (y * dh * ew + x * dw) * ab);
  return out;
}

/** The taps of an expanded filter's gradient that belong to the dilated filter. */
function undilateFilter(g: Float32Array, kh: number, kw: number, ab: number, dh: number, dw: number): Float32Array {
  const ew = (kw - 1) * dw + 1;
  const out = new Float32Array(kh * kw * ab);
  for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) out.set(g.subarray((y * dh * ew + x * dw) * ab, (y * dh * ew + x * dw + 1) * ab), (y * kw + x) * ab);
  return out;
}

/**
 * Forward, input gradient and filter gradient on wasm + native against tfjs-backend-cpu (dilated
 * cases: cpu runs the undilated equivalent with the expanded filter).
 */
async function expectConvMatches(c: ConvCase, depthwise: boolean, co: number): Promise<void> {
  const x = randn(c.n * c.h * c.w * c.ci, 1);
  const f = randn(c.kh * c.kw * c.ci * co, 2);
  const conv = (mode: 'native' | 'reference') => () => {
    const dil = mode === 'native' ? c.d : ([1, 1] as [number, number]);
    const expand = mode === 'reference' && (c.d[0] > 1 || c.d[1] > 1);
    const kh = expand ? (c.kh - 1) * c.d[0] + 1 : c.kh;
    const kw = expand ? (c.kw - 1) * c.d[1] + 1 : c.kw;
    const xt = tf.tensor4d(x, [c.n, c.h, c.w, c.ci]);
    const ft = tf.tensor4d(expand ? dilateFilter(f, c.kh, c.kw, c.ci * co, c.d[0], c.d[1]) : f, [kh, kw, c.ci, co]);
    const y = depthwise ? tf.depthwiseConv2d(xt, ft, c.s, c.pad as 'same', 'NHWC', dil, c.round) : tf.conv2d(xt, ft, c.s, c.pad, 'NHWC', dil, c.round);
    const dy = tf.tensor(randn(y.size, 3), y.shape);
    const attrs = { strides: c.s, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: c.round, dilations: dil };
    const names = depthwise ? ['DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter'] : ['Conv2DBackpropInput', 'Conv2DBackpropFilter'];
    const dx = tf.engine().runKernel(names[0], { dy, filter: ft }, { ...attrs, inputShape: xt.shape } as never) as tf.Tensor;
    const df = tf.engine().runKernel(names[1], { x: xt, dy }, { ...attrs, filterShape: ft.shape } as never) as tf.Tensor;
    return [y, dx, df];
  };
  const before = nativeCallCount();
  const got = await on('wasm', conv('native'));
  expect(nativeCallCount(), 'every call ran natively').toBe(before + 3);
  const want = await on('cpu', conv('reference'));
  if (c.d[0] > 1 || c.d[1] > 1) want[2] = undilateFilter(want[2], c.kh, c.kw, c.ci * co, c.d[0], c.d[1]);
  for (let i = 0; i < 3; i++) expect(maxRelDiff(got[i], want[i], 1e-3), ['forward', 'input gradient', 'filter gradient'][i]).toBeLessThan(TOL);
}

describe.runIf(available)('native kernels match tfjs-backend-cpu', () => {
  beforeAll(async () => {
    const s = await setup();
    expect(s.enabled).toBe(true);
  });

  for (const c of CASES) {
    it(`conv2d forward and both gradients: ${label(c)}`, async () => {
      const strided = c.s[0] > 1 || c.s[1] > 1;
      if (strided && (c.d[0] > 1 || c.d[1] > 1)) return; // tfjs refuses both at once
      await expectConvMatches(c, false, c.co);
    });

    it(`depthwise forward and both gradients: ${label(c)}`, async () => {
      const strided = c.s[0] > 1 || c.s[1] > 1;
      if ((strided && (c.d[0] > 1 || c.d[1] > 1)) || (strided && c.s[0] !== c.s[1])) return; // tfjs: equal strides, not with dilations
      await expectConvMatches(c, true, (c.co % 2) + 1);
    });
  }

  // 3x3 stride-1 convs with >= 48 input channels and enough pixels run as Winograd (csrc/conv.cc):
  // odd channel counts (padded to 16 in its blocked layout), 'same' and 'valid', a fused bias + ReLU
  it.each([
    [{ n: 1, h: 16, w: 17, ci: 48, co: 40, kh: 3, kw: 3, s: [1, 1], d: [1, 1], pad: 'same' }, 'linear'],
    [{ n: 2, h: 19, w: 18, ci: 50, co: 33, kh: 3, kw: 3, s: [1, 1], d: [1, 1], pad: 'valid' }, 'relu'],
  ] as Array<[ConvCase, 'linear' | 'relu']>)('Winograd conv2d forward (bias, %s) and both gradients: %j', async (c, activation) => {
    const addon = _loadAddon().addon!;
    const before = addon.info().winogradCalls;
    await expectConvMatches(c, false, c.co);
    expect(addon.info().winogradCalls - before, 'the three calls ran as Winograd').toBe(3);
    const run = () => {
      const x = tf.tensor4d(randn(c.n * c.h * c.w * c.ci, 12), [c.n, c.h, c.w, c.ci]);
      const filter = tf.tensor4d(randn(9 * c.ci * c.co, 13), [3, 3, c.ci, c.co]);
      return tf.fused.conv2d({ x, filter, strides: 1, pad: c.pad as 'same', bias: tf.tensor1d(randn(c.co, 14)), activation });
    };
    const got = await on('wasm', run);
    expect(addon.info().winogradCalls - before, 'the fused forward too').toBe(4);
    expect(maxRelDiff(got[0], (await on('cpu', run))[0], 1e-3)).toBeLessThan(TOL);
  });

  // 3x3 stride-1 'same' depthwise convs of 8, 16, 32 or 64 channels, rows a whole number of 16
  // floats, run as csrc/conv.cc's direct loop (StyleGAN's blur); the rest (odd widths at 8
  // channels, 24 channels) as oneDNN's
  it.each([
    [2, 8, 6, 8, true],
    [1, 4, 4, 8, true],
    [1, 2, 2, 8, true],
    [2, 5, 7, 16, true],
    [1, 1, 1, 16, true],
    [3, 6, 3, 32, true],
    [1, 9, 5, 64, true],
    [1, 4, 5, 8, false],
    [1, 4, 4, 24, false],
    [8, 64, 64, 8, true], // 2^18 elements: the rows split over the two threads set below
  ])('3x3 depthwise [%i, %i, %i, %i] (direct loop: %s), with and without bias', async (n, h, w, c, direct) => {
    const addon = _loadAddon().addon!;
    const run = (bias: boolean) => () => {
      const x = tf.tensor4d(randn(n * h * w * c, 31), [n, h, w, c]);
      const filter = tf.tensor4d(randn(9 * c, 32), [3, 3, c, 1]);
      const b = tf.tensor1d(randn(c, 33));
      return bias ? tf.fused.depthwiseConv2d({ x, filter, strides: 1, pad: 'same', bias: b }) : tf.depthwiseConv2d(x, filter, 1, 'same');
    };
    const threads = addon.info().threads;
    addon.setThreads(2);
    try {
      for (const bias of [false, true]) {
        const before = addon.info().directDepthwiseCalls;
        const got = await on('wasm', run(bias));
        expect(addon.info().directDepthwiseCalls - before, 'ran as the direct loop').toBe(direct ? 1 : 0);
        expect(maxRelDiff(got[0], (await on('cpu', run(bias)))[0], 1e-3)).toBeLessThan(TOL);
      }
    } finally {
      addon.setThreads(threads);
    }
  });

  // batch-1 filter gradients of 32 MFLOP and more split by output rows over two threads
  // (csrc/conv.cc): bands with their input halo, each band's padding, strides and dilations. One
  // case against tfjs-backend-cpu; the rest against the unsplit kernel on one thread (checked
  // against cpu above), since cpu takes tens of seconds on these sizes.
  const splitFilterGrad = async (c: ConvCase, threads: number): Promise<{ dw: Float32Array; split: number }> => {
    const addon = _loadAddon().addon!;
    const before = addon.info().threads;
    addon.setThreads(threads);
    try {
      const calls = addon.info().rowSplitCalls;
      const [dw] = await on('wasm', () => {
        const x = tf.tensor4d(randn(c.n * c.h * c.w * c.ci, 21), [c.n, c.h, c.w, c.ci]);
        const f = tf.zeros([c.kh, c.kw, c.ci, c.co]) as tf.Tensor4D;
        const y = tf.conv2d(x, f, c.s, c.pad, 'NHWC', c.d);
        const dy = tf.tensor(randn(y.size, 22), y.shape);
        const attrs = { strides: c.s, pad: c.pad, dataFormat: 'NHWC', dilations: c.d, filterShape: f.shape };
        return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as never) as tf.Tensor;
      });
      return { dw, split: addon.info().rowSplitCalls - calls };
    } finally {
      addon.setThreads(before);
    }
  };
  it('filter gradient split by rows over two threads matches tfjs-backend-cpu: 24x24x56->64 same', async () => {
    const c: ConvCase = { n: 1, h: 24, w: 24, ci: 56, co: 64, kh: 3, kw: 3, s: [1, 1], d: [1, 1], pad: 'same' };
    const addon = _loadAddon().addon!;
    const threads = addon.info().threads;
    addon.setThreads(2);
    try {
      const before = addon.info().rowSplitCalls;
      await expectConvMatches(c, false, c.co);
      expect(addon.info().rowSplitCalls - before, 'the filter gradient ran split').toBe(1);
    } finally {
      addon.setThreads(threads);
    }
  }, 30_000);
  it.each([
    { n: 1, h: 53, w: 52, ci: 48, co: 64, kh: 3, kw: 3, s: [2, 2], d: [1, 1], pad: 'same' },
    { n: 1, h: 31, w: 29, ci: 48, co: 64, kh: 3, kw: 3, s: [1, 1], d: [2, 2], pad: 'valid' },
    { n: 1, h: 32, w: 25, ci: 32, co: 48, kh: 5, kw: 3, s: [1, 1], d: [1, 1], pad: [[0, 0], [2, 1], [0, 1], [0, 0]] },
    { n: 1, h: 40, w: 24, ci: 64, co: 64, kh: 3, kw: 3, s: [1, 1], d: [1, 1], pad: 'valid' },
  ] as ConvCase[])('filter gradient split by rows over two threads matches the unsplit one-thread kernel: %j', async (c) => {
    const split = await splitFilterGrad(c, 2);
    const whole = await splitFilterGrad(c, 1);
    expect(split.split, 'two threads: split').toBe(1);
    expect(whole.split, 'one thread: not split').toBe(0);
    expect(maxRelDiff(split.dw, whole.dw, 1e-3)).toBeLessThan(TOL);
  });

  for (const activation of ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid'] as const) {
    it(`fused conv2d and depthwise with bias and ${activation}`, async () => {
      const run = () => {
        const x = tf.tensor4d(randn(2 * 8 * 8 * 6, 7), [2, 8, 8, 6]);
        const f = tf.tensor4d(randn(3 * 3 * 6 * 5, 8), [3, 3, 6, 5]);
        const fd = tf.tensor4d(randn(3 * 3 * 6 * 2, 9), [3, 3, 6, 2]);
        const b = tf.tensor1d(randn(5, 10));
        const bd = tf.tensor1d(randn(12, 11));
        return [
          tf.fused.conv2d({ x, filter: f, strides: 1, pad: 'same', bias: b, activation, leakyreluAlpha: 0.1 }),
          tf.fused.depthwiseConv2d({ x, filter: fd, strides: 2, pad: 'same', bias: bd, activation, leakyreluAlpha: 0.3 }),
        ];
      };
      const got = await on('wasm', run);
      const want = await on('cpu', run);
      for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3), `output ${i}`).toBeLessThan(TOL);
    });
  }

  const pools: Array<[number, number, 'same' | 'valid' | number, number[]]> = [];
  for (const k of [2, 3]) for (const st of [1, 2]) for (const pad of ['same', 'valid'] as const) pools.push([k, st, pad, [2, 9, 10, 3]]);
  pools.push([3, 2, 1, [1, 11, 8, 4]], [3, 3, 'same', [2, 7, 7, 2]], [3, 2, 'same', [1, 64, 64, 32]]);
  it.each(pools)('maxPool gradient k %i s %i pad %s %j', async (k, st, pad, shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const run = (ties: boolean) => () => {
      // ties: a few levels only, so windows hold equal maxima (as after a ReLU); the gradient goes to the first
      const x = tf.tensor4d(ties ? randn(size, 29).map((v) => Math.max(0, Math.round(v))) : randn(size, 29), shape as [number, number, number, number]);
      const { value, grads } = tf.valueAndGrads((a: tf.Tensor) => {
        const y = tf.maxPool(a as tf.Tensor4D, k, st, pad);
        return tf.sum(tf.mul(y, tf.tensor(randn(y.size, 30), y.shape))) as tf.Scalar;
      })([x]);
      return [value, ...grads];
    };
    for (const ties of [false, true]) {
      const before = nativeCallCount();
      const got = await on('wasm', run(ties));
      expect(nativeCallCount()).toBeGreaterThan(before);
      const want = await on('cpu', run(ties));
      for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3), `${ties ? 'ties, ' : ''}output ${i}`).toBeLessThan(TOL);
    }
  });

  it('slice and split of strided and contiguous boxes (any axis, ranks 1-5)', async () => {
    const shapes: number[][] = [[7, 9], [4, 5, 6], [2, 7, 5, 9], [3, 2, 4, 5, 6], [3, 3, 24, 16]];
    const run = () => {
      const outs: tf.Tensor[] = [];
      shapes.forEach((shape, k) => {
        const x = tf.tensor(randn(shape.reduce((a, b) => a * b, 1), 40 + k), shape);
        const r = shape.length;
        outs.push(tf.slice(x, shape.map((d) => Math.floor(d / 3)), shape.map((d) => Math.max(1, d - Math.floor(d / 3) - 1))));
        outs.push(tf.slice(x, new Array(r).fill(0), shape.map((d, i) => (i === r - 1 ? d - 1 : d))));
        for (let axis = 1; axis < r; axis++) {
          const d = shape[axis];
          if (d >= 3) outs.push(...tf.split(x, [1, d - 3, 2], axis));
          if (d % 3 === 0) outs.push(...tf.split(x, 3, axis));
        }
        outs.push(tf.slice(x, [1], [1]), ...tf.split(x, [1, shape[0] - 1], 0)); // contiguous: one memcpy each
      });
      return outs;
    };
    const before = nativeCallCount();
    const got = await on('wasm', run);
    expect(nativeCallCount()).toBeGreaterThan(before + 20);
    const want = await on('cpu', run);
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3), `output ${i}`).toBe(0);
  });

  it('sum and mean over runs of axes (leading, trailing, middle, all, size-1 gaps, keepDims); other axes left to wasm', async () => {
    const cases: Array<[number[], number | number[] | undefined, boolean, boolean]> = [
      // shape, axis, keepDims, runs natively
      [[8, 16, 16, 32], [0, 1, 2], false, true], // a conv bias's gradient
      [[4, 2, 4, 4, 1, 256], 0, true, true], // StyleGAN's minibatch standard deviation
      [[3, 5, 7, 300], 3, false, true],
      [[3, 5, 7, 11], [1, 2], true, true],
      [[6, 7], undefined, false, true],
      [[2, 1, 5, 4], [0, 2], false, true], // the kept axis between is of size 1
      [[2, 3, 5, 4], [0, 2], false, false], // not one run: wasm
      [[1, 1, 9], [0, 1], true, true],
      [[70000], 0, false, true],
    ];
    for (const mean of [false, true]) {
      const run = () =>
        cases.map(([shape, axis, keep], k) => {
          const x = tf.tensor(randn(shape.reduce((a, b) => a * b, 1), 60 + k), shape);
          return mean ? tf.mean(x, axis, keep) : tf.sum(x, axis, keep);
        });
      const before = nativeCallCount();
      const got = await on('wasm', run);
      expect(nativeCallCount() - before, mean ? 'means' : 'sums').toBe(cases.filter((c) => c[3]).length);
      const want = await on('cpu', run);
      for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3), `${mean ? 'mean' : 'sum'} ${JSON.stringify(cases[i])}`).toBeLessThan(TOL);
    }
    const shapes = await on('wasm', () => [tf.sum(tf.ones([2, 3, 4]), [0, 1], true), tf.mean(tf.ones([2, 3, 4]), 2), tf.sum(tf.ones([5]))]);
    expect(shapes.map((t) => t.length)).toEqual([4, 6, 1]);
  });

  it('concat (any axis, 2-4 inputs, an empty one), transpose (ranks 2-6) and reverse (any axes) move the same values', async () => {
    const t = (shape: number[], seed: number) => tf.tensor(randn(shape.reduce((a, b) => a * b, 1), seed), shape);
    const run = () => {
      const a = t([2, 5, 6, 3], 80);
      const outs: tf.Tensor[] = [];
      for (let axis = 0; axis < 4; axis++) {
        const s2 = a.shape.slice();
        s2[axis] = 2;
        outs.push(tf.concat([a, t(s2, 81 + axis), a], axis));
      }
      outs.push(tf.concat([t([4, 3], 85), tf.zeros([4, 0]), t([4, 2], 86), t([4, 1], 87)], 1));
      outs.push(tf.transpose(a, [0, 3, 1, 2]), tf.transpose(t([3, 3, 8, 5], 88), [0, 1, 3, 2]), tf.transpose(t([7, 9], 89)));
      outs.push(tf.transpose(t([2, 3, 4, 5, 2, 3], 90), [5, 0, 3, 1, 4, 2]), tf.transpose(t([2, 1, 4, 3, 5], 91), [4, 3, 2, 1, 0]));
      outs.push(tf.reverse(t([3, 3, 4, 6], 92), 1), tf.reverse(t([3, 3, 4, 6], 93), [0, 1]), tf.reverse(t([5, 7], 94), 1));
      outs.push(tf.reverse(t([2, 3, 1, 4, 5], 95), [0, 2, 4]), tf.reverse(t([9], 96)));
      return outs;
    };
    const before = nativeCallCount();
    const got = await on('wasm', run);
    expect(nativeCallCount() - before).toBe(15);
    const want = await on('cpu', run);
    expect(got.map((g) => g.length)).toEqual(want.map((w) => w.length));
    for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3), `output ${i}`).toBe(0);
  });

  it('leaky ReLU and step (any alpha; zero, negative zero, NaN, infinities) match exactly', async () => {
    // 3000 elements: the vectorised body and its tail
    const v = randn(3000, 70);
    v.set([0, -0, NaN, 1e-30, -1e-30, Infinity, -Infinity], 0);
    const run = () => {
      const x = tf.tensor(v, [3, 10, 100]);
      return [tf.leakyRelu(x, 0.2), tf.leakyRelu(x, 0.01), tf.step(x, 0.2), tf.step(x)];
    };
    const before = nativeCallCount();
    const got = await on('wasm', run);
    expect(nativeCallCount() - before).toBe(4);
    const want = await on('cpu', run);
    for (let i = 0; i < want.length; i++) {
      expect(Number.isNaN(got[i][2]) && Number.isNaN(want[i][2]), `output ${i}: NaN stays NaN`).toBe(true);
      got[i][2] = want[i][2] = 0;
      // bit for bit: the kernels compute as tfjs's reference kernels do (alpha x in double)
      expect(Array.from(got[i]), `output ${i}`).toEqual(Array.from(want[i]));
    }
  });

  it('add, sub and multiply broadcast as tfjs does, bit for bit', async () => {
    // [a, b]: same shapes, a bias on the last axis, a per-pixel plane, a scalar, both sides
    // broadcast, size-1 dims kept, a rank-6 pair; each with at least 4,096 output elements
    const shapes: Array<[number[], number[]]> = [
      [[8, 16, 16, 8], [8, 16, 16, 8]],
      [[8, 16, 16, 8], [8]],
      [[8], [8, 16, 16, 8]],
      [[4, 32, 32, 8], [4, 32, 32, 1]],
      [[4, 32, 32, 8], []],
      [[4, 1, 32, 8], [1, 16, 1, 8]],
      [[2, 3, 1, 5, 7, 11], [1, 3, 4, 5, 1, 11]],
      [[4096, 1], [1, 3]],
      [[8192, 2], [8192, 1]],
      [[3, 1, 40, 50], [3, 7, 40, 1]],
      // from 262,144 elements the rows (two dims) or the outer dims (more) split over the threads
      [[8, 64, 64, 8], [8]],
      [[4, 1, 160, 128], [4, 4, 1, 128]],
    ];
    const ops = [tf.add, tf.sub, tf.mul] as const;
    const run = () => shapes.flatMap(([sa, sb], k) => {
      const a = tf.tensor(randn(sa.reduce((p, d) => p * d, 1), 100 + k), sa);
      const b = tf.tensor(randn(sb.reduce((p, d) => p * d, 1), 200 + k), sb);
      return ops.map((op) => op(a, b));
    });
    const before = nativeCallCount();
    const got = await on('wasm', run);
    expect(nativeCallCount() - before).toBe(shapes.length * ops.length);
    const want = await on('cpu', run);
    for (let i = 0; i < want.length; i++) expect(Array.from(got[i]), `case ${Math.floor(i / 3)}, op ${i % 3}`).toEqual(Array.from(want[i]));
  }, 30_000); // tfjs-backend-cpu's broadcasting loop takes seconds on the two large cases

  it('exp matches (overflow, underflow, NaN, and below 4,096 elements wasm runs it)', async () => {
    const v = randn(6000, 73).map((t) => t * 8);
    v.set([0, -0, 88.7, 89, -104, -110, NaN, Infinity, -Infinity], 0);
    const run = () => [tf.exp(tf.tensor(v, [6000])), tf.exp(tf.tensor(v.subarray(0, 100), [100]))];
    const before = nativeCallCount();
    const got = await on('wasm', run);
    expect(nativeCallCount() - before).toBe(1);
    const want = await on('cpu', run);
    expect(Number.isNaN(got[0][6])).toBe(true);
    expect([got[0][3], got[0][7], got[0][8], got[0][5]]).toEqual([Infinity, Infinity, 0, 0]);
    expect([want[0][3], want[0][7]]).toEqual([Infinity, Infinity]);
    for (const k of [3, 6, 7]) got[0][k] = want[0][k] = got[1][k] = want[1][k] = 0;
    // double exp rounded once to float32, as the reference: equal but for a last-bit tie now and then
    for (let i = 0; i < 2; i++) expect(maxRelDiff(got[i], want[i], 1e-6), `output ${i}`).toBe(0);
  });

  it('tile of size-1 axes and constant pad match, bit for bit', async () => {
    const run = () => {
      const m = tf.tensor(randn(4 * 64, 71), [4, 1, 1, 64]);
      const x = tf.tensor(randn(2 * 30 * 20 * 3, 72), [2, 30, 20, 3]);
      return [
        tf.tile(m, [1, 17, 17, 1]),
        tf.tile(m, [2, 9, 1, 1]),
        tf.pad(x, [[0, 0], [0, 1], [0, 1], [0, 0]]),
        tf.pad(x, [[1, 2], [3, 0], [0, 0], [2, 1]], -1.5),
        tf.pad(x, [[0, 0], [0, 0], [0, 0], [0, 0]]),
      ];
    };
    const before = nativeCallCount();
    const got = await on('wasm', run);
    // tile [2, 9, 1, 1] repeats an axis of size 4: wasm's kernel
    expect(nativeCallCount() - before).toBe(4);
    const want = await on('cpu', run);
    for (let i = 0; i < want.length; i++) expect(Array.from(got[i]), `output ${i}`).toEqual(Array.from(want[i]));
  });

  it('add leaves small, int32 and non-broadcasting inputs to the kernel before it', async () => {
    const run = () => [tf.add(tf.ones([10, 10]), tf.ones([10])), tf.add(tf.ones([100, 100], 'int32'), tf.ones([100], 'int32'))];
    const before = nativeCallCount();
    const got = await on('wasm', run);
    expect(nativeCallCount() - before).toBe(0);
    expect(got[0].every((v) => v === 2) && got[1].every((v) => v === 2)).toBe(true);
    await expect(on('wasm', () => [tf.add(tf.ones([100, 100]), tf.ones([99]))])).rejects.toThrow();
  });

  it('matMul: transposes, batches, a broadcast batch, fused bias and activation', async () => {
    const run = () => {
      const a = tf.tensor3d(randn(3 * 5 * 7, 12), [3, 5, 7]);
      const b = tf.tensor3d(randn(3 * 7 * 4, 13), [3, 7, 4]);
      const b1 = tf.tensor3d(randn(7 * 4, 14), [1, 7, 4]);
      const at = tf.tensor3d(randn(3 * 7 * 5, 15), [3, 7, 5]);
      const bt = tf.tensor3d(randn(3 * 4 * 7, 16), [3, 4, 7]);
      const a2 = tf.tensor2d(randn(33 * 65, 17), [33, 65]);
      const b2 = tf.tensor2d(randn(65 * 18, 18), [65, 18]);
      const bias = tf.tensor1d(randn(4, 19));
      return [
        tf.matMul(a, b),
        tf.matMul(at, b, true, false),
        tf.matMul(a, bt, false, true),
        tf.matMul(at, bt, true, true),
        tf.matMul(a, b1),
        tf.matMul(a2, b2),
        tf.fused.matMul({ a, b, bias, activation: 'relu' }),
        tf.fused.matMul({ a: at, b: bt, transposeA: true, transposeB: true, bias, activation: 'leakyrelu', leakyreluAlpha: 0.25 }),
      ];
    };
    const got = await on('wasm', run);
    const want = await on('cpu', run);
    for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3), `output ${i}`).toBeLessThan(TOL);
  });

  it('falls back to the previous kernel for what it does not cover (prelu, a two-way batch broadcast)', async () => {
    const run = () => {
      const x = tf.tensor4d(randn(1 * 6 * 6 * 3, 20), [1, 6, 6, 3]);
      const f = tf.tensor4d(randn(3 * 3 * 3 * 4, 21), [3, 3, 3, 4]);
      const alpha = tf.tensor1d([0.1, 0.2, 0.3, 0.4]);
      const a = tf.tensor4d(randn(2 * 3 * 4, 27), [2, 1, 3, 4]); // batches [2, 1] x [1, 3]: broadcast both ways
      const b = tf.tensor4d(randn(3 * 4 * 5, 28), [1, 3, 4, 5]);
      return [tf.fused.conv2d({ x, filter: f, strides: 1, pad: 'same', activation: 'prelu', preluActivationWeights: alpha }), tf.matMul(a, b)];
    };
    const before = nativeCallCount();
    const got = await on('wasm', run);
    expect(nativeCallCount()).toBe(before);
    const want = await on('cpu', run);
    for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3)).toBeLessThan(TOL);
  });

  it('gradients end to end through a small conv net match, and no tensor leaks', async () => {
    const run = () => {
      const x = tf.tensor4d(randn(2 * 12 * 12 * 3, 22), [2, 12, 12, 3]);
      const w1 = tf.tensor4d(randn(3 * 3 * 3 * 8, 23).map((v) => v * 0.3), [3, 3, 3, 8]);
      const w2 = tf.tensor4d(randn(3 * 3 * 8 * 1, 24).map((v) => v * 0.3), [3, 3, 8, 1]);
      const w3 = tf.tensor2d(randn(36 * 5, 25).map((v) => v * 0.3), [36, 5]);
      const b1 = tf.tensor1d(randn(8, 26));
      const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => {
        const h = tf.fused.conv2d({ x, filter: a as tf.Tensor4D, strides: 2, pad: 'same', bias: d, activation: 'relu' });
        const g = tf.depthwiseConv2d(h, tf.tile(b, [1, 1, 1, 1]).reshape([3, 3, 8, 1]) as tf.Tensor4D, 1, 'same');
        const p = tf.matMul(tf.reshape(tf.conv2d(g, b as tf.Tensor4D, 1, 'same'), [2, 36]), c as tf.Tensor2D);
        return tf.sum(tf.square(p)) as tf.Scalar;
      };
      const { value, grads } = tf.valueAndGrads(loss)([w1, w2, w3, b1]);
      return [value, ...grads];
    };
    const startTensors = tf.memory().numTensors;
    const got = await on('wasm', run);
    expect(tf.memory().numTensors).toBe(startTensors);
    const want = await on('cpu', run);
    for (let i = 0; i < want.length; i++) expect(maxRelDiff(got[i], want[i], 1e-3), `output ${i}`).toBeLessThan(TOL);
  });
});
