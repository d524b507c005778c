/**
 * Parses a seed list: `0-7`, `1,5,9`, `0-3,10` (order kept, duplicates removed).
 *
 * @param spec The list as typed.
 * @returns The seeds.
 * @example
 * ```ts
 * parseSeeds('0-3,10'); // [0, 1, 2, 3, 10]
 * ```
 */
export function parseSeeds(spec: string): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`--seeds: bad seed list "${spec}" at "${part}"; expected forms like 0-7, 1,5,9 or 0-3,10.`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new Error(`--seeds: bad seed range "${part}" (end before start).`);
    for (let s = a; s <= b; s++) {
      if (!seen.has(s)) {
        seen.add(s);
        out.push(s);
      }
    }
  }
  if (out.length === 0) throw new Error(`--seeds: the seed list "${spec}" is empty.`);
  return out;
}

