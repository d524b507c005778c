import * as tf from '@tensorflow/tfjs-core';
import { sgdMomentumStep } from '@ganseg/native';

/** A named tensor, as `tf.Optimizer` saves its state (tfjs-core does not export the type). */
type _NamedTensor = { name: string; tensor: tf.Tensor };

/**
 * SGD with momentum as a `tf.Optimizer`, PyTorch's rule with weight decay (`g' = g + wd w;
 * buf = momentum buf + g'; w -= lr buf`): with `weightDecay` 0 the update of
 * `tf.train.momentum(lr, momentum)`. Each step of a weight is one fused pass over memory under
 * `@ganseg/native` (`sgdMomentumStep`), the same formula in tfjs ops elsewhere. Unlike tfjs 4.22's
 * `MomentumOptimizer`, `dispose()` frees everything it made, and the momentum buffers are keyed by
 * variable name, can be made up front in a given order and started from saved values (a resumed
 * checkpoint). The optimiser of DeepLabV3+ and of the conv decoder.
 *
 * Why not `tf.train.momentum`: its update (`acc = m acc + g; w -= lr acc`) is this one only at
 * weight decay 0 (it has none; DeepLabV3+ needs 1e-4 in PyTorch's form), its momentum buffers are
 * matched to the gradients by position, not by name (a step whose gradients hold another set or
 * order of variables would mix buffers up), and in tfjs 4.22 its `dispose()`
 * keeps the `-lr` scalar (one tensor a run, which the memory checks would catch).
 *
 * @example
 * ```ts
 * const opt = new SgdMomentumOptimizer(0.01, 0.9, 1e-4);
 * const { value, grads } = tf.variableGrads(() => loss(model));
 * opt.applyGradients(grads);
 * opt.setLearningRate(0.005); // a schedule
 * opt.dispose();
 * ```
 */
export class SgdMomentumOptimizer extends tf.Optimizer {
  /** The serialisation name. */
  static get className(): string {
    return 'SgdMomentum';
  }

  readonly #buffers = new Map<string, tf.Variable>();

  /**
   * @param learningRate The step size (change it with {@link setLearningRate}).
   * @param momentum The momentum factor.
   * @param weightDecay L2 weight decay added to the gradient (PyTorch's `weight_decay`); default 0.
   * @returns The optimiser.
   * @example
   * ```ts
   * const opt = new SgdMomentumOptimizer(0.01, 0.9);
   * ```
   */
  constructor(public learningRate: number, readonly momentum: number, readonly weightDecay = 0) {
    super();
  }

  /**
   * One step for every variable named in `variableGradients` (a variable's name, as
   * `tf.variableGrads` keys them).
   *
   * @param variableGradients Gradients by variable name.
   * @example
   * ```ts
   * opt.applyGradients({ [v.name]: grad });
   * ```
   */
  applyGradients(variableGradients: tf.NamedTensorMap | _NamedTensor[]): void {
    const list = Array.isArray(variableGradients) ? variableGradients.map((e) => [e.name, e.tensor] as const) : Object.entries(variableGradients);
    for (const [name, g] of list) {
      if (g == null) continue;
      const w = tf.engine().registeredVariables[name];
      if (!w) throw new Error(`SgdMomentumOptimizer: no variable named ${name}`);
      const buf = this.buffer(w);
      tf.tidy(() => {
        const next = sgdMomentumStep(w, buf, g, { lr: this.learningRate, momentum: this.momentum, wd: this.weightDecay });
        buf.assign(next.m);
        w.assign(next.w);
      });
    }
    this.incrementIterations();
  }

  /**
   * The momentum buffer of a variable, made on first use: zeros (PyTorch's first step), or
   * `initial` (its values, for a resumed run).
   *
   * @param v The variable.
   * @param initial Starting values, `v.size` of them; only used when the buffer is made.
   * @returns The buffer (owned by the optimiser).
   * @example
   * ```ts
   * const bufs = vars.map((v) => opt.buffer(v)); // made in this order
   * ```
   */
  buffer(v: tf.Variable, initial?: Float32Array): tf.Variable {
    let b = this.#buffers.get(v.name);
    if (!b) {
      if (initial && initial.length !== v.size) throw new RangeError(`SgdMomentumOptimizer: ${initial.length} initial momentum values for ${v.name}, which has ${v.size}.`);
      b = tf.tidy(() => tf.variable(initial ? tf.tensor(initial, v.shape) : tf.zerosLike(v), false));
      this.#buffers.set(v.name, b);
    }
    return b;
  }

  /**
   * Sets the step size of the next steps.
   *
   * @param learningRate The new step size.
   * @example
   * ```ts
   * opt.setLearningRate(0.01 * (1 - it / total) ** 0.9);
   * ```
   */
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }

  /** The iteration count and every momentum buffer (`<variable>/momentum`). */
  override async getWeights(): Promise<_NamedTensor[]> {
    return [await this.saveIterations(), ...[...this.#buffers].map(([name, tensor]) => ({ name: `${name}/momentum`, tensor }))];
  }

  /** Restores what {@link getWeights} gave. */
  override async setWeights(weightValues: _NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    tf.dispose([...this.#buffers.values()]);
    this.#buffers.clear();
    for (const { name, tensor } of rest) this.#buffers.set(name.replace(/\/momentum$/, ''), tf.variable(tensor, false));
  }

  /** The hyper-parameters. */
  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, momentum: this.momentum, weightDecay: this.weightDecay };
  }

  /** Frees every momentum buffer. */
  override dispose(): void {
    tf.dispose([...this.#buffers.values()]);
    this.#buffers.clear();
  }
}
