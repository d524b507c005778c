import { describe, expect, it } from 'vitest';
import { _handCase } from './_test_cases.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { computeMetrics } from './compute-metrics.js';
import { formatMetricsTable } from './format-metrics-table.js';
import { MetricsError } from './metrics-error.js';

const NAMES = ['bg', 'car', 'wheel', 'sky'];

describe('formatMetricsTable', () => {
  const base = computeMetrics(_handCase(4), NAMES);
  const perfect = (() => {
    const t = Uint8Array.of(0, 1, 2, 3, 0);
    return computeMetrics(new ConfusionMatrix(4).add(t, t), NAMES);
  })();
  const half = (() => {
    const t = Uint8Array.of(0, 1, 2, 3);
    return computeMetrics(new ConfusionMatrix(4).add(Uint8Array.of(0, 1, 0, 0), t), NAMES);
  })();

  it('writes a markdown table with one column a class and notes on excluded classes', () => {
    const md = formatMetricsTable([
      { method: 'baseline', metrics: base },
      { method: 'ganseg', metrics: perfect },
    ]);
    const lines = md.split('\n');
    expect(lines[0]).toMatch(/^\| Method +\| Pixel acc\. \| +mIoU \| IoU bg \| IoU car \| IoU wheel \| IoU sky \|$/);
    expect(lines[1]).toMatch(/^\| -+ \| -+: \| -+: \|/);
    expect(lines[2].split('|').map((s) => s.trim())).toEqual(['', 'baseline', '0.429', '0.250', '0.250', '0.500', '0.000', 'n/a', '']);
    expect(lines[3].split('|').map((s) => s.trim())).toEqual(['', 'ganseg', '1.000', '1.000', '1.000', '1.000', '1.000', '1.000', '']);
    expect(md).toMatch(/- mIoU leaves out classes absent from both prediction and truth \(their IoU is n\/a\): baseline: sky\./);
    // Every table line has the same number of cells.
    const cells = lines.slice(0, 4).map((l) => l.split(' | ').length);
    expect(new Set(cells).size).toBe(1);
  });

  it('shows mean ± std for repeated runs and says so', () => {
    const txt = formatMetricsTable([{ method: 'ganseg', metrics: [perfect, half] }], { format: 'text', digits: 2 });
    const lines = txt.split('\n');
    expect(lines[0]).toMatch(/^Method +Pixel acc\. +mIoU +IoU bg/);
    expect(lines[1]).toMatch(/^-+ +-+/);
    // pixel acc 1 and 0.5 -> 0.75 ± 0.35; IoU sky 1 and 0 -> 0.50 ± 0.71
    expect(lines[2]).toMatch(/^ganseg +0\.75 ± 0\.35 /);
    expect(lines[2]).toMatch(/0\.50 ± 0\.71$/);
    expect(txt).toMatch(/mean ± sample standard deviation over runs \(ganseg: 2\)\./);
    expect(txt).not.toMatch(/leaves out/);
  });

  it('escapes pipes in markdown, can restrict class columns and drop notes', () => {
    const md = formatMetricsTable([{ method: 'a|b', metrics: base }], { classes: ['car'], notes: false });
    expect(md.split('\n')[0]).toMatch(/IoU car \|$/);
    expect(md).toMatch(/a\\\|b/);
    expect(md).not.toMatch(/sky/);
    expect(md.split('\n')).toHaveLength(3);
  });

  it("adds the paper's IoU (background skipped) when asked", () => {
    const md = formatMetricsTable([{ method: 'x', metrics: base }, { method: 'y', metrics: [perfect, half] }], { paperIoU: true, notes: false });
    const rows = md.split('\n').map((l) => l.split('|').map((c) => c.trim()));
    expect(rows[0][4]).toBe('Paper IoU');
    expect(rows[2][4]).toBe(base.backgroundSkippedIoU!.toFixed(3));
    const ys = [perfect.backgroundSkippedIoU!, half.backgroundSkippedIoU!];
    const mean = (ys[0] + ys[1]) / 2;
    expect(rows[3][4]).toBe(`${mean.toFixed(3)} ± ${(Math.abs(ys[0] - ys[1]) / Math.SQRT2).toFixed(3)}`);
    expect(formatMetricsTable([{ method: 'x', metrics: base }])).not.toMatch(/Paper IoU/);
  });

  it('rejects empty runs, bad digits and an unknown format', () => {
    expect(() => formatMetricsTable([{ method: 'x', metrics: [] }])).toThrow(MetricsError);
    expect(() => formatMetricsTable([], { digits: -1 })).toThrow(/digits/);
    expect(() => formatMetricsTable([], { format: 'html' as 'text' })).toThrow(/format must be/);
  });
});
