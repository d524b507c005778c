import { WeightsMismatchError, type MisshapedWeight } from './weights-mismatch-error.js';

/** A weight a network expects: its name and shape. */
export interface ExpectedWeight {
  name: string;
  shape: readonly number[];
}

/** A weight found: its shape and, where they are at hand, its values (checked to be finite). */
export interface FoundWeight {
  shape: readonly number[];
  values?: ArrayLike<number>;
}

/** Options for {@link checkWeights}. */
export interface CheckWeightsOptions {
  /** The file (or other source) the weights came from, named first in the error. */
  source: string;
  /** What the weights are checked against, for the message; default `'the network'`. */
  against?: string;
  /** What to do about a mismatch, for the message. */
  hint?: string;
}

/**
 * The one strict weight check: every expected weight must be found with its exact shape, nothing
 * else may be found, and values (where given) must be finite and as many as the shape holds.
 * Every problem is collected before one {@link WeightsMismatchError} is thrown.
 *
 * @param expected The names and shapes the network expects, in its order.
 * @param actual The weights found, by name (a Map or a plain object).
 * @param options The source (a file) and the words for the message.
 * @throws WeightsMismatchError listing every missing, unexpected, mis-shaped and non-finite weight.
 * @example
 * ```ts
 * import { checkWeights } from '@ganseg/io';
 * checkWeights([{ name: 'conv/bias', shape: [2] }], { 'conv/bias': { shape: [2], values: [0, 1] } }, { source: 'model.json' });
 * ```
 */
export function checkWeights(
  expected: readonly ExpectedWeight[],
  actual: ReadonlyMap<string, FoundWeight> | Readonly<Record<string, FoundWeight>>,
  options: CheckWeightsOptions,
): void {
  const found: ReadonlyMap<string, FoundWeight> = actual instanceof Map ? actual : new Map(Object.entries(actual));
  const missing: string[] = [];
  const misshaped: MisshapedWeight[] = [];
  const nonFinite: string[] = [];
  const known = new Set<string>();
  for (const { name, shape } of expected) {
    known.add(name);
    const w = found.get(name);
    if (w === undefined) {
      missing.push(name);
      continue;
    }
    const size = shape.reduce((a, b) => a * b, 1);
    if (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i]) || (w.values !== undefined && w.values.length !== size)) {
      misshaped.push({ name, expected: [...shape], found: [...w.shape] });
      continue;
    }
    const v = w.values;
    if (v !== undefined) {
      for (let i = 0; i < v.length; i++) {
        if (!Number.isFinite(v[i])) {
          nonFinite.push(name);
          break;
        }
      }
    }
  }
  const unexpected = [...found.keys()].filter((k) => !known.has(k));
  if (missing.length || unexpected.length || misshaped.length || nonFinite.length) {
    throw new WeightsMismatchError(options.source, { missing, unexpected, misshaped, nonFinite }, options.against, options.hint);
  }
}
