/**
 * Splits ids into two parts in proportion `a : b` (e.g. 20 : 80, the paper's 20 training and 80
 * test photos of 100), after a seeded shuffle, so the same ids and seed always give the same
 * split. The first part gets `round(n * a / (a + b))` ids; each part keeps the ids' given order.
 *
 * @param ids The ids (sorted or in source order).
 * @param ratio The two proportions, each >= 0, not both 0.
 * @param seed The shuffle's seed (an integer).
 * @returns `[first, second]`.
 * @example
 * ```ts
 * const [train, test] = splitIds(ids, [20, 80], 0); // 100 ids -> 20 and 80
 * ```
 */
export function splitIds(ids: readonly string[], ratio: readonly [number, number], seed: number): [string[], string[]] {
  const [a, b] = ratio;
  if (!(a >= 0 && b >= 0 && a + b > 0)) throw new RangeError(`split ${a},${b}: expected two proportions >= 0, not both 0 (e.g. 20,80).`);
  const n = ids.length;
  const nFirst = Math.round((n * a) / (a + b));
  // mulberry32: a small seeded generator; Fisher-Yates over the indices
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = ids.map((_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const first = new Set(order.slice(0, nFirst));
  return [ids.filter((_, i) => first.has(i)), ids.filter((_, i) => !first.has(i))];
}
