/**
 * @module
 * oneDNN kernels (convolutions, matMuls, batch norm and their gradients) under TensorFlow.js's
 * wasm backend, through an N-API addon over the system oneDNN; optional (plain wasm without it).
 */

export { registerNativeKernels, isNativeKernel, nativeCallCount } from './register-native-kernels.js';
export type { NativeStatus, RegisterNativeOptions } from './register-native-kernels.js';
export { nativeStatus } from './native-status.js';
export { nativeKernelsActive } from './native-kernels-active.js';
export { setNativeThreads } from './set-native-threads.js';
export { dropoutMask } from './dropout-mask.js';
export { batchNormTrain } from './batch-norm-train.js';
export type { BatchNormTrainOptions, BatchNormTrainResult } from './batch-norm-train.js';
export { sgdMomentumStep } from './sgd-momentum-step.js';
export { FusedAdamOptimizer } from './fused-adam-optimizer.js';
export { emaUpdate } from './ema-update.js';
export { styleEpilogue } from './style-epilogue.js';
export { leakyReluGrad } from './leaky-relu-grad.js';
export type { StyleEpilogueOptions } from './style-epilogue.js';
export type { SgdMomentumOptions } from './sgd-momentum-step.js';
export { NativeError } from './native-error.js';
