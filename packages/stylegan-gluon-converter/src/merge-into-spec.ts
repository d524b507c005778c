import type { SpecEntry, WeightArray } from './_types.js';
import { WeightMergeError } from './weight-merge-error.js';

/**
 * The one strict merge: checks converted weights against a weight spec (names and shapes, e.g.
 * `weightSpec(config)` of `@ganseg/stylegan`) and returns them in spec order. Every missing,
 * unexpected and mis-shaped key, and every key holding NaN/Inf, is listed in one
 * {@link WeightMergeError}.
 *
 * @param spec the expected names and shapes
 * @param found converted weights by canonical name
 * @param file the checkpoint, for the error
 * @returns the weights, in spec order
 * @example
 * ```ts
 * const weights = mergeIntoSpec(weightSpec(config), found, 'ffhq.pkl');
 * ```
 */
export function mergeIntoSpec(spec: SpecEntry[], found: Record<string, WeightArray>, file: string): Record<string, WeightArray> {
  const missing: string[] = [];
  const misshaped: { key: string; expected: number[]; found: number[] }[] = [];
  const nonFinite: string[] = [];
  const known = new Set<string>();
  const out: Record<string, WeightArray> = {};
  for (const { name, shape } of spec) {
    known.add(name);
    const w = found[name];
    if (!w) { missing.push(name); continue; }
    const n = shape.reduce((a, b) => a * b, 1);
    if (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i]) || w.data.length !== n) {
      misshaped.push({ key: name, expected: shape.slice(), found: w.shape.slice() });
      continue;
    }
    for (let i = 0; i < w.data.length; i++) {
      if (!Number.isFinite(w.data[i])) { nonFinite.push(name); break; }
    }
    out[name] = w;
  }
  const unexpected = Object.keys(found).filter((k) => !known.has(k));
  if (missing.length || unexpected.length || misshaped.length || nonFinite.length) {
    throw new WeightMergeError(file, { missing, unexpected, misshaped, nonFinite });
  }
  return out;
}
