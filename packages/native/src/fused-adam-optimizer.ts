import * as tf from '@tensorflow/tfjs-core';
import { _ADAM_KERNEL, type _AdamAttrs } from './_adam-kernel.js';
import { _loadAddon } from './_addon.js';
import { _floatOffset, _heap, _ownedOffset, type _WasmBackend } from './_wasm-heap.js';
import { _countNativeCall } from './register-native-kernels.js';

/** tfjs's AdamOptimizer state that TypeScript declares private (same names in 4.x). */
/** What `applyGradients` takes (tfjs's NamedVariableMap or NamedTensor[]). */
type _Gradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

interface _AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  epsilon: number;
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
}

/**
 * `tf.train.adam` with each weight's update as one kernel call under @ganseg/native (one pass over
 * the weight, its two moments and its gradient, where tfjs runs eleven ops a weight), and tfjs's own
 * `applyGradients` elsewhere. It is an `AdamOptimizer`: same arithmetic in float32 (same order of
 * operations), same state and the same `getWeights`/`setWeights`, so checkpoints move between the two.
 *
 * @example
 * ```ts
 * import { FusedAdamOptimizer } from '@ganseg/native';
 * const opt = new FusedAdamOptimizer(0.002, 0, 0.99, 1e-8); // as tf.train.adam(0.002, 0, 0.99, 1e-8)
 * opt.minimize(() => loss());
 * ```
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  /**
   * @param learningRate Step size.
   * @param beta1 First-moment decay (default 0.9, as tf.train.adam).
   * @param beta2 Second-moment decay (default 0.999).
   * @param epsilon Added to the root of the second moment (default: the backend's epsilon).
   */
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null) {
    super(learningRate, beta1, beta2, epsilon ?? undefined);
  }

  /** Updates the variables named in `variableGradients` (tfjs's contract). */
  override applyGradients(variableGradients: _Gradients): void {
    const list = Array.isArray(variableGradients)
      ? variableGradients.map((v) => ({ name: v.name, grad: v.tensor }))
      : Object.keys(variableGradients).map((name) => ({ name, grad: variableGradients[name] as tf.Tensor | null }));
    const vars = tf.engine().registeredVariables;
    const fused =
      tf.getKernel(_ADAM_KERNEL, tf.getBackend()) != null &&
      list.every(({ name, grad }) => vars[name]?.dtype === 'float32' && (grad == null || (grad.dtype === 'float32' && grad.size === vars[name].size)));
    if (!fused) return super.applyGradients(variableGradients);
    const s = this as unknown as _AdamState;
    // tfjs: oneMinusAccBeta = sub(1, accBeta), in float32.
    const c1 = Math.fround(1 - s.accBeta1.dataSync()[0]);
    const c2 = Math.fround(1 - s.accBeta2.dataSync()[0]);
    const attrs: _AdamAttrs = { b1: this.beta1, oneMinusB1: 1 - this.beta1, b2: this.beta2, oneMinusB2: 1 - this.beta2, c1, c2, eps: s.epsilon, negLr: -this.learningRate };
    // the moments, made on first use (tfjs's names)
    list.forEach(({ name }, i) => {
      const value = vars[name];
      s.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      s.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
    });
    const moments = list.map((_, i) => [s.accumulatedFirstMoment[i]!.variable, s.accumulatedSecondMoment[i]!.variable]);
    if (!_adamInPlace(list.map(({ name, grad }, i) => ({ w: vars[name], m: moments[i][0], v: moments[i][1], g: grad })), attrs)) {
      tf.tidy(() => {
        list.forEach(({ name, grad }, i) => {
          if (grad == null) return;
          const [m, v] = moments[i];
          const value = vars[name];
          const [wNew, mNew, vNew] = tf.engine().runKernel(_ADAM_KERNEL, { w: value, m, v, g: grad }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
          m.assign(mNew);
          v.assign(vNew);
          value.assign(wNew);
        });
      });
    }
    tf.tidy(() => {
      s.accBeta1.assign(tf.mul(s.accBeta1, this.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}

/**
 * Every weight's Adam step in one native call, in place (no new buffers, no assigns), where each
 * weight and its moments alone hold their buffers on the wasm backend; false (nothing done) where
 * one does not, or without the addon: the caller then runs the one-kernel-a-weight path.
 */
function _adamInPlace(items: Array<{ w: tf.Variable; m: tf.Variable; v: tf.Variable; g: tf.Tensor | null }>, a: _AdamAttrs): boolean {
  const { addon } = _loadAddon();
  if (addon == null || tf.getBackend() !== 'wasm') return false;
  const b = tf.backend() as unknown as _WasmBackend;
  const params: number[] = [0, a.b1, a.oneMinusB1, a.b2, a.oneMinusB2, a.c1, a.c2, a.eps, a.negLr];
  for (const { w, m, v, g } of items) {
    if (g == null) continue;
    const offs = [w, m, v].map((t) => _ownedOffset(b, t));
    const og = g.size === w.size ? _floatOffset(b, g) : null;
    if (offs.some((o) => o == null) || og == null) return false;
    params.push(w.size, ...(offs as number[]), og);
    params[0]++;
  }
  // csrc/adam.cc's adamInPlace: count, coefficients, then (size, w, m, v, g) a weight
  if (params[0] > 0) addon.adamInPlace(_heap(b), new Float64Array(params));
  _countNativeCall();
  return true;
}
