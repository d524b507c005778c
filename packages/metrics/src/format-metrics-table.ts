import { meanAndSpread } from './mean-and-spread.js';
import { MetricsError } from './metrics-error.js';
import type { MetricsSummary } from './types.js';

/** One row of {@link formatMetricsTable}: a method and its metrics, one summary or one a run. */
export interface MetricsTableRow {
  /** Method name shown in the first column. */
  method: string;
  /** The summary of `computeMetrics`, or one summary a repeated run (shown as mean ± std). */
  metrics: MetricsSummary | readonly MetricsSummary[];
}

/** Options of {@link formatMetricsTable}. */
export interface FormatMetricsTableOptions {
  /** `'markdown'` (default, for report.md) or `'text'` (aligned columns, for a terminal). */
  format?: 'markdown' | 'text';
  /** Digits after the decimal point (default 3). */
  digits?: number;
  /** Class columns to show, by name (default: every class of every row, in order of appearance). */
  classes?: readonly string[];
  /**
   * Add a column with the paper's IoU ({@link MetricsSummary.backgroundSkippedIoU}: the mean IoU
   * over the classes but the background, accumulated over the test set); default false.
   */
  paperIoU?: boolean;
  /** Add the notes under the table (excluded classes, what ± means); default true. */
  notes?: boolean;
}

/**
 * A table of several methods' metrics: method, pixel accuracy, mean IoU and the IoU of each
 * class. A row with several runs shows `mean ± std` (sample standard deviation). Notes under the
 * table say which classes each method's mean IoU left out (absent from both prediction and truth)
 * and what ± means. Missing values show as `n/a`.
 *
 * @param rows One row a method.
 * @param options Format, digits, class columns, notes.
 * @returns The table as text (no trailing newline).
 * @throws {MetricsError} When a row has no runs or digits is not an integer in [0, 10].
 * @example
 * ```ts
 * console.log(formatMetricsTable([
 *   { method: 'baseline', metrics: computeMetrics(cmA, names) },
 *   { method: 'ganseg', metrics: runs.map((cm) => computeMetrics(cm, names)) },
 * ], { format: 'text' }));
 * ```
 */
export function formatMetricsTable(
  rows: readonly MetricsTableRow[],
  options: FormatMetricsTableOptions = {},
): string {
  const format = options.format ?? 'markdown';
  const digits = options.digits ?? 3;
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) {
    throw new MetricsError(`digits must be an integer in [0, 10], got ${digits}`, {
      key: 'options.digits',
      expected: 'an integer in [0, 10]',
      found: String(digits),
    });
  }
  const runsOf = rows.map((r, i) => {
    const runs = Array.isArray(r.metrics) ? (r.metrics as MetricsSummary[]) : [r.metrics as MetricsSummary];
    if (runs.length === 0) {
      throw new MetricsError(`row ${i} (${r.method}) has no runs`, {
        key: `rows[${i}].metrics`,
        expected: 'a summary or a non-empty array of summaries',
        found: 'an empty array',
      });
    }
    return runs;
  });
  let classes: string[];
  if (options.classes !== undefined) classes = [...options.classes];
  else {
    const seen = new Set<string>();
    for (const runs of runsOf) for (const m of runs) for (const pc of m.perClass) seen.add(pc.name);
    classes = [...seen];
  }
  const cell = (values: Array<number | null | undefined>): string => {
    const s = meanAndSpread(values);
    if (s.n === 0) return 'n/a';
    if (values.length === 1) return s.mean.toFixed(digits);
    return `${s.mean.toFixed(digits)} ± ${s.std.toFixed(digits)}`;
  };
  const paper = options.paperIoU ?? false;
  const header = ['Method', 'Pixel acc.', 'mIoU', ...(paper ? ['Paper IoU'] : []), ...classes.map((c) => `IoU ${c}`)];
  const body = rows.map((r, i) => {
    const runs = runsOf[i];
    return [
      r.method,
      cell(runs.map((m) => m.pixelAccuracy)),
      cell(runs.map((m) => m.meanIoU)),
      ...(paper ? [cell(runs.map((m) => m.backgroundSkippedIoU))] : []),
      ...classes.map((c) => cell(runs.map((m) => m.perClass.find((pc) => pc.name === c)?.iou))),
    ];
  });

  const lines: string[] = [];
  if (format === 'markdown') {
    const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const table = [header, ...body].map((r) => r.map(esc));
    const widths = header.map((_, j) => Math.max(3, ...table.map((r) => r[j].length)));
    const fmt = (r: string[]): string =>
      `| ${r.map((v, j) => (j === 0 ? v.padEnd(widths[j]) : v.padStart(widths[j]))).join(' | ')} |`;
    lines.push(fmt(table[0]));
    lines.push(`| ${widths.map((w, j) => (j === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
    for (const r of table.slice(1)) lines.push(fmt(r));
  } else if (format === 'text') {
    const table = [header, ...body];
    const widths = header.map((_, j) => Math.max(...table.map((r) => r[j].length)));
    const fmt = (r: string[]): string =>
      r.map((v, j) => (j === 0 ? v.padEnd(widths[j]) : v.padStart(widths[j]))).join('  ').trimEnd();
    lines.push(fmt(header));
    lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of body) lines.push(fmt(r));
  } else {
    throw new MetricsError(`format must be 'markdown' or 'text', got ${String(format)}`, {
      key: 'options.format',
      expected: "'markdown' or 'text'",
      found: String(format),
    });
  }

  if (options.notes ?? true) {
    const notes: string[] = [];
    const excluded = rows
      .map((r, i) => {
        const names = new Set<string>();
        for (const m of runsOf[i]) for (const c of m.excludedClasses) names.add(c);
        return names.size === 0 ? '' : `${r.method}: ${[...names].join(', ')}`;
      })
      .filter((s) => s !== '');
    if (excluded.length > 0) {
      notes.push(
        `mIoU leaves out classes absent from both prediction and truth (their IoU is n/a): ${excluded.join('; ')}.`,
      );
    }
    const multi = rows.map((r, i) => ({ r, n: runsOf[i].length })).filter((x) => x.n > 1);
    if (multi.length > 0) {
      notes.push(
        `mean ± sample standard deviation over runs (${multi.map((x) => `${x.r.method}: ${x.n}`).join(', ')}).`,
      );
    }
    if (notes.length > 0) lines.push('', ...notes.map((s) => (format === 'markdown' ? `- ${s}` : s)));
  }
  return lines.join('\n');
}
