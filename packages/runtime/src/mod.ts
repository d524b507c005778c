/**
 * @module
 * Picks the TensorFlow.js backend (tfjs-node-gpu, tfjs-node, wasm, cpu), registers the training
 * kernels wasm lacks, seeded randomness and a worker pool.
 */

export { initBackend, BackendError } from './init-backend.js';
export type { BackendInfo, BackendName, InitBackendOptions } from './init-backend.js';
export { registerWasmTrainingKernels } from './register-wasm-training-kernels.js';
export { KernelAttributeError } from './kernel-attribute-error.js';
export { createRng } from './create-rng.js';
export type { Rng } from './create-rng.js';
export { WorkerPool } from './worker-pool.js';
export type { WorkerPoolOptions } from './worker-pool.js';
export { WorkerPoolError } from './worker-pool-error.js';
export type { WorkerPoolErrorKind } from './worker-pool-error.js';
export { flattenTensors, assignFlat } from './flat-tensors.js';
export { builtModuleUrl } from './built-module-url.js';
export { crossEntropyWithIgnore } from './cross-entropy-with-ignore.js';
export { upsampleConv3x3 } from './upsample-conv-3x3.js';
export { leakyRelu } from './leaky-relu.js';
export { SgdMomentumOptimizer } from './sgd-momentum-optimizer.js';
export { dataParallelStep } from './data-parallel-step.js';
export type { ShardGradients, DataParallelOptions, DataParallelResult } from './data-parallel-step.js';
