import * as tf from '@tensorflow/tfjs-core';

/**
 * SGD with momentum (v = momentum v + g; w -= lr v), the same update as `tf.train.momentum`,
 * whose `dispose()` leaves one scalar behind in tfjs 4.22. Keyed by variable name, as
 * `tf.Optimizer.applyGradients`.
 */
export class _SgdMomentum {
  private _v = new Map<string, tf.Variable>();
  constructor(private readonly lr: number, private readonly momentum: number, private readonly vars: Map<string, tf.Variable>) {}

  applyGradients(grads: Record<string, tf.Tensor>): void {
    for (const [name, g] of Object.entries(grads)) {
      const w = this.vars.get(name);
      if (!w) continue;
      let v = this._v.get(name);
      if (!v) {
        v = tf.tidy(() => tf.variable(tf.zerosLike(g), false));
        this._v.set(name, v);
      }
      const vv = v;
      tf.tidy(() => {
        const nv = tf.add(tf.mul(vv, this.momentum), g);
        vv.assign(nv);
        w.assign(tf.sub(w, tf.mul(nv, this.lr)));
      });
    }
  }

  dispose(): void {
    for (const v of this._v.values()) v.dispose();
    this._v.clear();
  }
}
