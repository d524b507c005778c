/**
 * conv2d forward and both gradients on the active backend (wasm, with @ganseg/native's oneDNN
 * kernels where the addon is built: `backend: "wasm+onednn"`, at 1 and 2 OpenMP threads), batch 1,
 * 3x3; compared with PyTorch CPU (channels-last) at the same thread count where torch is installed
 * (ratio_vs_torch = torch_ms / ours_ms, > 1 means ganseg is faster). Floors (issue 2): forward >= 15 GFLOP/s on
 * 3x3 64ch 64x64; each registered gradient kernel >= a third of that. The ops of one shape are
 * timed round-robin (see timeInterleaved); `gflops` is from the median wall time, `gflops_best`
 * from the best run, `gflops_cpu` from the median CPU time (the last two are closest to an idle
 * machine when other jobs share the cores).
 */
import { runStock, stockKernels } from './_stock-kernels.js';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, initBackend } from '@ganseg/runtime';
import { setNativeThreads } from '@ganseg/native';
import { loadavg } from 'node:os';
import { emit, round, timeInterleaved, torchConvTimes, type TorchConvCase } from './_measure.js';

const FLOOR_FORWARD = 15;
const FLOOR_GRAD = FLOOR_FORWARD / 3;

interface Shape {
  tag: string;
  n: number;
  hw: number;
  ci: number;
  co: number;
  k: number;
  s: number;
}

const SHAPES: Shape[] = [
  { tag: '3x3_64ch_64x64', n: 1, hw: 64, ci: 64, co: 64, k: 3, s: 1 },
  { tag: '3x3_128ch_32x32', n: 1, hw: 32, ci: 128, co: 128, k: 3, s: 1 },
  { tag: '3x3_64ch_64x64_s2', n: 1, hw: 64, ci: 64, co: 64, k: 3, s: 2 },
];

function rand(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(createRng(seed).normalArray(shape.reduce((a, b) => a * b, 1)), shape);
}

/** The filter gradient as one conv2d over transposed input and dy (the alternative to the matMul route). */
function convTrickFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, k: number): tf.Tensor {
  return tf.tidy(() => {
    const pad = (k - 1) >> 1;
    const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D; // [Ci, H, W, N]
    const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [OH, OW, N, Co]
    const g = tf.conv2d(xt, dyt, 1, [[0, 0], [pad, pad], [pad, pad], [0, 0]]); // [Ci, K, K, Co]
    return tf.transpose(g, [1, 2, 0, 3]);
  });
}

function kernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor {
  return tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
}

export async function run(): Promise<void> {
  const info = await initBackend();
  const backend = info.native.enabled ? 'wasm+onednn' : info.backend;
  // Threads: 1 and 2 with the oneDNN kernels (PyTorch at the same count); plain wasm runs one.
  for (const threads of info.native.enabled ? [1, 2] : [1]) {
    if (info.native.enabled) setNativeThreads(threads);
    await _runAt(backend, threads);
  }
}

async function _runAt(backend: string, threads: number): Promise<void> {
  const torchCases: TorchConvCase[] = [];
  for (const sh of SHAPES)
    for (const op of ['forward', 'grad_input', 'grad_filter'] as const)
      torchCases.push({ name: `${sh.tag}_${op}`, n: sh.n, h: sh.hw, w: sh.hw, ci: sh.ci, co: sh.co, k: sh.k, stride: sh.s, op });
  const torch = torchConvTimes(torchCases, threads);

  for (const sh of SHAPES) {
    const x = rand([sh.n, sh.hw, sh.hw, sh.ci], 1) as tf.Tensor4D;
    const f = rand([sh.k, sh.k, sh.ci, sh.co], 2) as tf.Tensor4D;
    const oh = Math.ceil(sh.hw / sh.s);
    const dy = rand([sh.n, oh, oh, sh.co], 3) as tf.Tensor4D;
    const flops = 2 * sh.n * oh * oh * sh.k * sh.k * sh.ci * sh.co;
    const floorCase = sh.tag === '3x3_64ch_64x64';
    const attrs = { strides: sh.s, pad: 'same', dataFormat: 'NHWC' };
    const fns: Record<string, () => tf.Tensor> = {
      forward: () => tf.conv2d(x, f, sh.s, 'same'),
      grad_input: () => kernel('Conv2DBackpropInput', { dy, filter: f }, { ...attrs, inputShape: x.shape }),
      grad_filter: () => kernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: f.shape }),
    };
    // Plain wasm's alternatives (interleaved with the rest, their cache and memory churn would slow
    // the oneDNN kernels' medians, so they run only without them).
    const plain = backend !== 'wasm+onednn';
    if (sh.s === 1 && plain) fns.grad_filter_conv_trick = () => convTrickFilterGrad(x, dy, sh.k);
    // The scalar-loop kernel tfjs-backend-wasm ships, which the registered one replaces.
    if (stockKernels.has('Conv2DBackpropInput') && floorCase && plain) fns.grad_input_wasm_stock = () => runStock('Conv2DBackpropInput', { dy, filter: f }, { ...attrs, inputShape: x.shape });
    const floors: Record<string, number> = { forward: FLOOR_FORWARD, grad_input: FLOOR_GRAD, grad_filter: FLOOR_GRAD };
    const times = timeInterleaved(fns);
    for (const [op, t] of Object.entries(times)) {
      const gflops = flops / t.median_ms / 1e6;
      const tms = torch?.get(`${sh.tag}_${op}`);
      emit({
        name: `conv2d_${sh.tag}_${op}`,
        backend,
        threads,
        median_ms: round(t.median_ms),
        best_ms: round(t.best_ms),
        gflops: round(gflops, 1),
        gflops_best: round(flops / t.best_ms / 1e6, 1),
        cpu_ms: round(t.cpu_ms),
        gflops_cpu: round(flops / t.cpu_ms / 1e6, 1),
        ...(floorCase && floors[op] != null ? { floor_gflops: round(floors[op], 1), meets_floor: gflops >= floors[op] } : {}),
        ...(tms != null ? { torch_ms: tms, ratio_vs_torch: round(tms / t.median_ms, 2) } : {}),
        loadavg: round(loadavg()[0], 2),
      });
    }
    // One layer's whole training step (forward + both gradients), plain and dilated (atrous).
    if (sh.s === 1) {
      const w = rand([sh.n, sh.hw, sh.hw, sh.co], 4);
      const step = (d: number) => () => {
        const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same', 'NHWC', d), w)) as tf.Scalar)([x, f]);
        return [value, ...grads];
      };
      const st = timeInterleaved({ d1: step(1), d2: step(2) }, 7, 2);
      for (const [d, t] of Object.entries(st)) {
        emit({ name: `conv2d_${sh.tag}_${d}_train_step`, backend, threads, median_ms: round(t.median_ms), best_ms: round(t.best_ms), gflops: round((3 * flops) / t.median_ms / 1e6, 1) });
      }
      w.dispose();
    }
    tf.dispose([x, f, dy]);
  }
}
