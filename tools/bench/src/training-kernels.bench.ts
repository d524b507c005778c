/**
 * The other kernels @ganseg/runtime registers for wasm: depthwise conv gradients (StyleGAN's blur,
 * separable convs), maxPool, bilinear and nearest resize gradients, and UnsortedSegmentSum (the
 * gradient of gather). Depthwise lines give GFLOP/s (and PyTorch's time where torch is
 * installed); the memory-bound ones GB/s (bytes read and written). `_wasm_stock` lines time the
 * kernel tfjs-backend-wasm ships on a square input, where it is still right, for comparison.
 */
import { runStock, stockKernels } from './_stock-kernels.js';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, initBackend } from '@ganseg/runtime';
import { emit, round, timeInterleaved, torchConvTimes, type TorchConvCase } from './_measure.js';

function rand(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(createRng(seed).normalArray(shape.reduce((a, b) => a * b, 1)), shape);
}

function kernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor {
  return tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
}

export async function run(): Promise<void> {
  const backend = (await initBackend()).backend;
  const c = 64;
  const hw = 64;

  // Depthwise 3x3, multiplier 1, stride 1 and 2.
  const torchCases: TorchConvCase[] = [];
  for (const s of [1, 2])
    for (const op of ['forward', 'grad_input', 'grad_filter'] as const)
      torchCases.push({ name: `dw_s${s}_${op}`, n: 1, h: hw, w: hw, ci: c, co: c, k: 3, stride: s, groups: c, op });
  const torch = torchConvTimes(torchCases, 1);
  for (const s of [1, 2]) {
    const x = rand([1, hw, hw, c], 1) as tf.Tensor4D;
    const f = rand([3, 3, c, 1], 2) as tf.Tensor4D;
    const oh = Math.ceil(hw / s);
    const dy = rand([1, oh, oh, c], 3) as tf.Tensor4D;
    const flops = 2 * oh * oh * 9 * c;
    const attrs = { strides: s, pad: 'same', dilations: 1 };
    const t = timeInterleaved({
      forward: () => tf.depthwiseConv2d(x, f, s, 'same'),
      grad_input: () => kernel('DepthwiseConv2dNativeBackpropInput', { dy, filter: f }, { ...attrs, inputShape: x.shape }),
      grad_filter: () => kernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: f.shape }),
    });
    for (const [op, v] of Object.entries(t)) {
      const tms = torch?.get(`dw_s${s}_${op}`);
      emit({
        name: `depthwise_3x3_64ch_64x64_s${s}_${op}`,
        backend,
        median_ms: round(v.median_ms),
        best_ms: round(v.best_ms),
        cpu_ms: round(v.cpu_ms),
        gflops: round(flops / v.median_ms / 1e6, 2),
        gflops_cpu: round(flops / v.cpu_ms / 1e6, 2),
        ...(tms != null ? { torch_ms: tms, ratio_vs_torch: round(tms / v.median_ms, 2) } : {}),
      });
    }
    tf.dispose([x, f, dy]);
  }

  // Memory-bound gradients: bytes = 4 * (elements read + written).
  const memLines: Array<[string, number, Record<string, () => tf.Tensor>]> = [];
  {
    const x = rand([1, hw, hw, c], 4) as tf.Tensor4D;
    const y = tf.maxPool(x, 3, 2, 'same');
    const dy = rand(y.shape, 5);
    const attrs = { filterSize: 3, strides: 2, pad: 'same' };
    const fns: Record<string, () => tf.Tensor> = { maxpool_grad_3x3_s2_64ch_64x64: () => kernel('MaxPoolGrad', { dy, input: x, output: y }, attrs) };
    if (stockKernels.has('MaxPoolGrad')) fns.maxpool_grad_3x3_s2_64ch_64x64_wasm_stock = () => runStock('MaxPoolGrad', { dy, input: x, output: y }, attrs);
    memLines.push(['maxpool', 4 * (x.size * 2 + y.size * 2), fns]);
  }
  for (const [mode, kname, stockName] of [
    ['bilinear', 'ResizeBilinearGrad', 'ResizeBilinearGrad'],
    ['nearest', 'ResizeNearestNeighborGrad', 'ResizeNearestNeighborGrad'],
  ]) {
    const images = rand([1, 32, 32, c], 6);
    const dy = rand([1, 64, 64, c], 7);
    const attrs = { alignCorners: false, halfPixelCenters: false, size: [64, 64] };
    const fns: Record<string, () => tf.Tensor> = { [`resize_${mode}_grad_32to64_64ch`]: () => kernel(kname, { images, dy }, attrs) };
    if (stockKernels.has(stockName)) fns[`resize_${mode}_grad_32to64_64ch_wasm_stock`] = () => runStock(stockName, { images, dy }, attrs);
    memLines.push([mode, 4 * (images.size + dy.size), fns]);
  }
  {
    const params = rand([10000, c], 8);
    const idx = tf.tensor1d(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 10000), 'int32');
    const dy = rand([20000, c], 9);
    memLines.push(['segment', 4 * (dy.size + params.size), { unsorted_segment_sum_20000x64_to_10000: () => tf.unsortedSegmentSum(dy, idx, 10000) }]);
  }
  for (const [, bytes, fns] of memLines) {
    for (const [name, v] of Object.entries(timeInterleaved(fns))) {
      emit({ name, backend, median_ms: round(v.median_ms), best_ms: round(v.best_ms), cpu_ms: round(v.cpu_ms), gbytes_per_s: round(bytes / v.median_ms / 1e6, 2) });
    }
  }
}
