import type * as tf from '@tensorflow/tfjs-core';

/**
 * A native kernel body: its output, or null when this call is outside what it covers (dtype,
 * layout, a broadcast bias, prelu, ...), in which case the kernel registered before it runs.
 */
export type _NativeImpl = (args: { inputs: tf.NamedTensorInfoMap; attrs?: Record<string, unknown>; backend: unknown }) => tf.TensorInfo | tf.TensorInfo[] | null;
