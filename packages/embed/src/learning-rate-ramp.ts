/** Options of {@link learningRateRamp}. */
export interface RampOptions {
  /** Base learning rate. */
  lr: number;
  /** Fraction of the steps for the linear warm-up; default 0.05. */
  rampUp?: number;
  /** Fraction of the steps for the cosine ramp-down to zero; default 0.25. */
  rampDown?: number;
}

/**
 * The learning rate at step `t` of `steps`: a linear warm-up, then flat, then a cosine ramp-down
 * (the schedule of StyleGAN2's projector, used for W+ embedding).
 *
 * @param t Step, from 0.
 * @param steps Total steps.
 * @param opts Base rate and ramp fractions.
 * @returns The learning rate.
 * @example
 * ```ts
 * learningRateRamp(0, 1000, { lr: 0.1 }); // 0.002 (warm-up)
 * ```
 */
export function learningRateRamp(t: number, steps: number, opts: RampOptions): number {
  const up = opts.rampUp ?? 0.05;
  const down = opts.rampDown ?? 0.25;
  const x = steps <= 1 ? 1 : t / (steps - 1);
  let r = Math.min(1, (1 - x) / Math.max(down, 1e-9));
  r = 0.5 - 0.5 * Math.cos(r * Math.PI);
  r *= Math.min(1, (x + 1 / Math.max(steps, 1)) / Math.max(up, 1e-9));
  return opts.lr * r;
}
