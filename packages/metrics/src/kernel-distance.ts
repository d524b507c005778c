import { MetricsError } from './metrics-error.js';

/** Options for {@link kernelDistance}. */
export interface KernelDistanceOptions {
  /**
   * Split each set into this many disjoint consecutive blocks and average the block estimates
   * (their spread is `std`); default 1, the one estimate over all rows. Shuffle the rows first if
   * their order means something.
   */
  blocks?: number;
}

/** What {@link kernelDistance} measured. */
export interface KernelDistance {
  /** The mean over blocks of the unbiased squared MMD (KID); about 0 when both sets come from one distribution. */
  kid: number;
  /** Sample standard deviation over blocks (0 for one block). */
  std: number;
  /** Blocks averaged. */
  blocks: number;
  /** Rows a block took from the first and the second set. */
  rowsPerBlock: [number, number];
}

function _check(name: string, rows: ArrayLike<ArrayLike<number>>, dim: number | null): number {
  if (rows.length < 2) throw new MetricsError(`kernelDistance: ${name} needs at least 2 feature rows (found ${rows.length})`, { key: name, expected: 'at least 2 rows', found: String(rows.length) });
  const d = dim ?? rows[0].length;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== d) throw new MetricsError(`kernelDistance: every feature row must have ${d} values; ${name}[${i}] has ${rows[i].length}`, { key: `${name}[${i}].length`, expected: String(d), found: String(rows[i].length) });
  }
  return d;
}

/** Sum of k(x, y) = (x.y / d + 1)^3 over the pairs of two row ranges (off-diagonal only when `same`). */
function _kernelSum(a: ArrayLike<ArrayLike<number>>, a0: number, na: number, b: ArrayLike<ArrayLike<number>>, b0: number, nb: number, d: number, same: boolean): number {
  let s = 0;
  for (let i = 0; i < na; i++) {
    const x = a[a0 + i];
    for (let j = same ? i + 1 : 0; j < nb; j++) {
      const y = b[b0 + j];
      let dot = 0;
      for (let k = 0; k < d; k++) dot += x[k] * y[k];
      const t = dot / d + 1;
      s += t * t * t;
    }
  }
  return same ? 2 * s : s;
}

/**
 * The Kernel Inception Distance statistic (Bińkowski et al., 2018) between two sets of feature
 * vectors from any network: the unbiased estimate of the squared maximum mean discrepancy under
 * the cubic polynomial kernel `k(x, y) = (x.y / d + 1)^3`. Unlike FID it is unbiased in the
 * number of samples, so small sets (hundreds) compare fairly. Computed in float64.
 *
 * @param a Feature rows of the first set (e.g. generated images), each of length d.
 * @param b Feature rows of the second set (e.g. real images), the same d.
 * @param options Blocks for a spread.
 * @returns `{ kid, std, blocks, rowsPerBlock }`.
 * @throws {MetricsError} When a set has fewer than 2 rows per block or rows of different lengths.
 * @example
 * ```ts
 * const { kid, std } = kernelDistance(generatedFeatures, realFeatures, { blocks: 4 });
 * ```
 */
export function kernelDistance(a: ArrayLike<ArrayLike<number>>, b: ArrayLike<ArrayLike<number>>, options: KernelDistanceOptions = {}): KernelDistance {
  const d = _check('a', a, null);
  _check('b', b, d);
  const blocks = options.blocks ?? 1;
  const m = Math.floor(a.length / blocks);
  const n = Math.floor(b.length / blocks);
  if (!Number.isInteger(blocks) || blocks < 1 || m < 2 || n < 2) {
    throw new MetricsError(`kernelDistance: blocks must be a whole number >= 1 leaving at least 2 rows of each set per block (${a.length} and ${b.length} rows)`, { key: 'blocks', expected: `1..${Math.floor(Math.min(a.length, b.length) / 2)}`, found: String(blocks) });
  }
  const est: number[] = [];
  for (let k = 0; k < blocks; k++) {
    const xx = _kernelSum(a, k * m, m, a, k * m, m, d, true) / (m * (m - 1));
    const yy = _kernelSum(b, k * n, n, b, k * n, n, d, true) / (n * (n - 1));
    const xy = _kernelSum(a, k * m, m, b, k * n, n, d, false) / (m * n);
    est.push(xx + yy - 2 * xy);
  }
  const kid = est.reduce((s, v) => s + v, 0) / blocks;
  const std = blocks === 1 ? 0 : Math.sqrt(est.reduce((s, v) => s + (v - kid) ** 2, 0) / (blocks - 1));
  return { kid, std, blocks, rowsPerBlock: [m, n] };
}
