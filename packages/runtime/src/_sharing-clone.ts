import * as tf from '@tensorflow/tfjs-core';

/** The tfjs-core 4.x engine internals this patch uses (private in its typings). */
interface _Engine {
  clone(x: tf.Tensor): tf.Tensor;
  backend: { incRef?(dataId: object): void };
  backendName: string;
  ENV: { getBool(flag: string): boolean };
  state: { profiling: boolean; gradientDepth: number; activeScope: { name: string }; tensorInfo: Map<object, { backend: unknown }> };
  makeTensorFromTensorInfo(info: tf.TensorInfo): tf.Tensor;
  addTapeNode(name: string, inputs: tf.NamedTensorMap, outputs: tf.Tensor[], grad: (dy: tf.Tensor) => Record<string, () => tf.Tensor>, saved: tf.Tensor[], attrs: tf.NamedAttrMap): void;
  runKernel(name: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap): tf.Tensor;
}

const _ORIGINAL = Symbol.for('ganseg.runtime.engineClone');

/**
 * Makes tfjs's engine save the tensors a gradient needs without a kernel call. The engine keeps
 * each such tensor by `clone`, which runs the Identity kernel through the whole dispatch (scopes,
 * registry lookups, the kernel, output bookkeeping) and records a tape node; on the wasm and cpu
 * backends that kernel only shares the buffer (ganseg's wasm Identity and tfjs-backend-cpu's both
 * raise its reference count). This clone does exactly that sharing, skipping the dispatch, and
 * records tfjs's tape node (its gradient: dy cast to float32) where a higher-order gradient can
 * reach it (see below): a StyleGAN training step at 64 px clones about 1,000 tensors. Other backends, string tensors, profiling and DEBUG keep
 * tfjs's clone. `on = false` restores it.
 *
 * @param on Install (true) or restore tfjs's own clone (false).
 * @example
 * ```ts
 * _installSharingClone(true); // initBackend does this
 * ```
 */
export function _installSharingClone(on: boolean): void {
  const e = tf.engine() as unknown as _Engine & Record<symbol, ((x: tf.Tensor) => tf.Tensor) | undefined>;
  const original = e[_ORIGINAL];
  if (!on) {
    if (original) {
      e.clone = original;
      e[_ORIGINAL] = undefined;
    }
    return;
  }
  if (original) return;
  const tfjsClone = e.clone;
  e[_ORIGINAL] = tfjsClone;
  e.clone = function (this: _Engine, x: tf.Tensor): tf.Tensor {
    const b = this.backend;
    if (
      x.dtype === 'string' ||
      (this.backendName !== 'wasm' && this.backendName !== 'cpu') ||
      typeof b.incRef !== 'function' ||
      this.state.profiling ||
      this.ENV.getBool('DEBUG') ||
      this.state.tensorInfo.get(x.dataId)?.backend !== b
    ) {
      return tfjsClone.call(this, x);
    }
    b.incRef(x.dataId);
    const y = this.makeTensorFromTensorInfo({ dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype });
    // A saved tensor is read by the backward pass of the gradient being recorded, which runs one
    // gradient level down and is itself recorded only inside another gradient (R1's double
    // backprop): only then must the tape lead from it back to x. At the outermost level the node
    // would be a dead end that every backward pass filters out (1,000 of them a StyleGAN step).
    if (this.state.gradientDepth > 1) {
      this.addTapeNode(this.state.activeScope.name, { x }, [y], (dy) => ({ x: () => this.runKernel('Cast', { x: dy }, { dtype: 'float32' }) }), [], {});
    }
    return y;
  };
}
