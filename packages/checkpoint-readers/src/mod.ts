/**
 * @module
 * Safe readers of the checkpoint files people have: Python pickles (a small unpickler that runs
 * nothing), zip archives, PyTorch `.pth` state dicts (zip and legacy) and MXNet NDArray lists
 * (`.params`), each refusing damaged or hostile input with a typed {@link CheckpointError} before
 * it costs time or memory, plus the fuzzer that checks that promise.
 */

export { CheckpointError } from './checkpoint-error.js';
export type { CheckpointErrorKind } from './checkpoint-error.js';
export type { WeightArray } from './weight-array.js';
export { guardCheckpointRead } from './guard-checkpoint-read.js';
export { readCheckpointBytes } from './read-checkpoint-bytes.js';
export { PyGlobal, PyObject, PyDtype, NdArray, TorchStorage, TorchTensor } from './pickle-values.js';
export { unpickle } from './unpickle.js';
export type { UnpickleOptions, UnpickleResult } from './unpickle.js';
export { unpickleTorchObjects } from './unpickle-torch-objects.js';
export { collectTorchTensors } from './collect-torch-tensors.js';
export { readZip } from './read-zip.js';
export { readTorchCheckpoint } from './read-torch-checkpoint.js';
export type { ReadTorchOptions } from './read-torch-checkpoint.js';
export { readMxnetParams } from './read-mxnet-params.js';
export { encodeMxnetParams } from './encode-mxnet-params.js';
export { detectCheckpointFormat } from './detect-checkpoint-format.js';
export type { CheckpointFormat } from './detect-checkpoint-format.js';
export { fuzzCheckpointReader } from './fuzz-checkpoint-reader.js';
export type { FuzzSeed, FuzzReport } from './fuzz-checkpoint-reader.js';
