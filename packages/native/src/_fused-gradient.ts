import * as tf from '@tensorflow/tfjs-core';

const _registered = new Set<string>();

/**
 * Registers (once) the gradient of a native forward kernel whose backward is one kernel that
 * gives every input's gradient at once.
 *
 * @param kernelName The forward kernel.
 * @param gradKernelName The backward kernel.
 * @param save What the tape keeps of the forward call (`inputsToSave`, `outputsToSave`).
 * @param gradInputs The backward kernel's inputs from `dy` and what was saved (inputs, then outputs).
 * @param gradNames The forward inputs the backward kernel's outputs are the gradients of, in order.
 */
export function _registerFusedGradient(
  kernelName: string,
  gradKernelName: string,
  save: { inputsToSave: string[]; outputsToSave: boolean[] },
  gradInputs: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.NamedTensorMap,
  gradNames: string[],
): void {
  if (_registered.has(kernelName)) return;
  _registered.add(kernelName);
  tf.registerGradient({
    kernelName,
    ...save,
    gradFunc: (dys, saved, attrs) => {
      const dy = Array.isArray(dys) ? dys[0] : dys;
      // One kernel gives them all (each closure runs in a tidy of its own, so compute them here).
      const grads = tf.engine().runKernel(gradKernelName, gradInputs(dy, saved), attrs as tf.NamedAttrMap) as tf.Tensor[];
      return Object.fromEntries(gradNames.map((name, i) => [name, () => grads[i]]));
    },
  });
}
