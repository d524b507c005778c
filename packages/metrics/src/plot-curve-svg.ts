import { _logTicks, _niceTicks } from './_nice-ticks.js';
import { _xmlEscape } from './_xml-escape.js';
import { MetricsError } from './metrics-error.js';

/** One point of a {@link CurveSeries}. */
export interface CurvePoint {
  /** Position on the x axis (e.g. the number of annotated images). */
  x: number;
  /** Value (e.g. mean mIoU over seeds); `null` or `NaN` leaves a gap. */
  y: number | null;
  /** Error bar: a half-width (`y ± err`, e.g. the std over seeds) or explicit bounds (e.g. min/max). */
  err?: number | { low: number; high: number } | null;
}

/** One line of {@link plotCurveSvg}. */
export interface CurveSeries {
  /** Name shown in the legend. */
  name: string;
  /** The points, in any order (drawn sorted by x). */
  points: readonly CurvePoint[];
  /** A CSS colour (default: a colour-blind-safe palette, one a series). */
  color?: string;
  /** Draw the line dashed (e.g. mIoU dashed, accuracy solid). */
  dashed?: boolean;
}

/** Options of {@link plotCurveSvg}. */
export interface PlotCurveOptions {
  /** Title over the plot. */
  title?: string;
  /** Label of the x axis. */
  xLabel?: string;
  /** Label of the y axis. */
  yLabel?: string;
  /** Width in pixels (default 640). */
  width?: number;
  /** Height in pixels (default 400). */
  height?: number;
  /** `'linear'` (default) or `'log'` (x must then be > 0). */
  xScale?: 'linear' | 'log';
  /** x tick values (default: round values, or the data's x values on a log axis when few). */
  xTicks?: readonly number[];
  /** Lower end of the y axis (default: from the data, rounded). */
  yMin?: number;
  /** Upper end of the y axis (default: from the data, rounded). */
  yMax?: number;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f'];

/**
 * A line plot as an SVG document (a string; no dependencies): axes, ticks, grid, axis labels,
 * title, a legend, a marker a point (with its values in `data-x` / `data-y` and a hover title) and
 * optional error bars. Made for curves such as accuracy and mIoU against the number of annotated
 * images for two arms, each point the mean over seeds with the spread as error bar.
 *
 * @param series The lines.
 * @param options Title, labels, size, x scale, y range.
 * @returns The SVG document.
 * @throws {MetricsError} For a non-finite x, x <= 0 on a log axis, or a bad size.
 * @example
 * ```ts
 * const svg = plotCurveSvg([
 *   { name: 'ganseg mIoU', points: ns.map((n, i) => ({ x: n, y: ours[i].mean, err: ours[i].std })) },
 *   { name: 'baseline mIoU', points: ns.map((n, i) => ({ x: n, y: base[i].mean, err: base[i].std })), dashed: true },
 * ], { xLabel: 'annotated images N', yLabel: 'mIoU', xScale: 'log' });
 * fs.writeFileSync('miou.svg', svg);
 * ```
 */
export function plotCurveSvg(series: readonly CurveSeries[], options: PlotCurveOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  for (const [key, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isFinite(v) || v < 120) {
      throw new MetricsError(`${key} must be a number >= 120, got ${v}`, {
        key: `options.${key}`,
        expected: 'a number >= 120',
        found: String(v),
      });
    }
  }
  const log = options.xScale === 'log';
  const fin = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

  // Data extents.
  const xs: number[] = [];
  const ys: number[] = [];
  series.forEach((s, si) => {
    s.points.forEach((p, pi) => {
      if (!fin(p.x) || (log && p.x <= 0)) {
        throw new MetricsError(`series ${si} (${s.name}) point ${pi}: x must be a finite number${log ? ' > 0 on a log axis' : ''}, got ${p.x}`, {
          key: `series[${si}].points[${pi}].x`,
          expected: log ? 'a finite number > 0' : 'a finite number',
          found: String(p.x),
        });
      }
      xs.push(p.x);
      if (!fin(p.y)) return;
      const [lo, hi] = _bounds(p);
      ys.push(p.y);
      if (fin(lo)) ys.push(lo);
      if (fin(hi)) ys.push(hi);
    });
  });

  // Scales.
  const titleH = options.title ? 28 : 8;
  const legendW = series.length === 0 ? 0 : 40 + Math.max(...series.map((s) => s.name.length)) * 7;
  const left = 64;
  const right = 16 + legendW;
  const top = titleH + 12;
  const bottom = 52;
  const plotW = Math.max(40, width - left - right);
  const plotH = Math.max(40, height - top - bottom);

  let xLo: number;
  let xHi: number;
  let xTicks: number[];
  let xDecimals = 0;
  const xt = options.xTicks ? [...options.xTicks].filter(fin) : undefined;
  if (log) {
    const all = xs.concat(xt ?? []).filter((v) => v > 0);
    const lo = all.length ? Math.min(...all) : 1;
    const hi = all.length ? Math.max(...all) : 10;
    const l0 = Math.log10(lo);
    const l1 = Math.log10(hi);
    const pad = l1 > l0 ? (l1 - l0) * 0.05 : 0.3;
    xLo = Math.pow(10, l0 - pad);
    xHi = Math.pow(10, l1 + pad);
    const distinct = [...new Set(xs)].sort((a, b) => a - b);
    xTicks = xt ?? (distinct.length > 0 && distinct.length <= 10 ? distinct : _logTicks(lo, hi));
    xDecimals = Math.max(0, ...xTicks.map(_decimalsOf));
  } else {
    const all = xs.concat(xt ?? []);
    const t = _niceTicks(all.length ? Math.min(...all) : 0, all.length ? Math.max(...all) : 1);
    xLo = t.lo;
    xHi = t.hi;
    xTicks = xt ?? t.ticks;
    xDecimals = xt ? Math.max(0, ...xt.map(_decimalsOf)) : t.decimals;
  }
  const yt = _niceTicks(
    options.yMin ?? (ys.length ? Math.min(...ys) : 0),
    options.yMax ?? (ys.length ? Math.max(...ys) : 1),
  );
  const yLo = options.yMin ?? yt.lo;
  const yHi = options.yMax ?? yt.hi;
  const yTicks = yt.ticks.filter((v) => v >= yLo - 1e-12 && v <= yHi + 1e-12);

  const sx = (x: number): number =>
    left + (log ? (Math.log10(x) - Math.log10(xLo)) / (Math.log10(xHi) - Math.log10(xLo)) : (x - xLo) / (xHi - xLo)) * plotW;
  const sy = (y: number): number => top + plotH - ((y - yLo) / (yHi - yLo || 1)) * plotH;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${_n(width)}" height="${_n(height)}" viewBox="0 0 ${_n(width)} ${_n(height)}" font-family="sans-serif" font-size="12">`,
  );
  if (options.title) out.push(`<title>${_xmlEscape(options.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${_n(width)}" height="${_n(height)}" fill="white"/>`);
  if (options.title) {
    // centred over the plot; a title wider than that (about half the font size a character) is
    // centred over the whole figure, and one wider than the figure gets a smaller font (down to
    // 9 px) and a textLength that holds it inside
    const est = options.title.length * 7.5;
    const room = width - 16;
    const size = est <= room ? 15 : Math.max(9, Math.floor((15 * room) / est));
    const fit = est <= room ? '' : ` textLength="${_n(room)}" lengthAdjust="spacingAndGlyphs"`;
    const cx = est <= plotW ? left + plotW / 2 : width / 2;
    out.push(`<text x="${_n(cx)}" y="${_n(titleH)}" text-anchor="middle" font-size="${size}"${fit}>${_xmlEscape(options.title)}</text>`);
  }
  out.push(`<defs><clipPath id="plot-area"><rect x="${_n(left)}" y="${_n(top)}" width="${_n(plotW)}" height="${_n(plotH)}"/></clipPath></defs>`);

  // Grid, axes and ticks.
  out.push('<g class="axes" stroke="#222" fill="#222">');
  for (const v of yTicks) {
    const y = sy(v);
    out.push(`<line x1="${_n(left)}" y1="${_n(y)}" x2="${_n(left + plotW)}" y2="${_n(y)}" stroke="#e4e4e4"/>`);
    out.push(`<line x1="${_n(left - 5)}" y1="${_n(y)}" x2="${_n(left)}" y2="${_n(y)}"/>`);
    out.push(`<text class="y-tick" x="${_n(left - 8)}" y="${_n(y + 4)}" text-anchor="end" stroke="none">${v.toFixed(yt.decimals)}</text>`);
  }
  for (const v of xTicks) {
    if (v < xLo - 1e-12 || v > xHi + 1e-12) continue;
    const x = sx(v);
    out.push(`<line x1="${_n(x)}" y1="${_n(top)}" x2="${_n(x)}" y2="${_n(top + plotH)}" stroke="#f0f0f0"/>`);
    out.push(`<line x1="${_n(x)}" y1="${_n(top + plotH)}" x2="${_n(x)}" y2="${_n(top + plotH + 5)}"/>`);
    out.push(`<text class="x-tick" x="${_n(x)}" y="${_n(top + plotH + 18)}" text-anchor="middle" stroke="none">${v.toFixed(xDecimals)}</text>`);
  }
  out.push(`<line x1="${_n(left)}" y1="${_n(top + plotH)}" x2="${_n(left + plotW)}" y2="${_n(top + plotH)}"/>`);
  out.push(`<line x1="${_n(left)}" y1="${_n(top)}" x2="${_n(left)}" y2="${_n(top + plotH)}"/>`);
  out.push('</g>');
  if (options.xLabel) {
    out.push(`<text class="x-label" x="${_n(left + plotW / 2)}" y="${_n(height - 12)}" text-anchor="middle">${_xmlEscape(options.xLabel)}</text>`);
  }
  if (options.yLabel) {
    const cy = top + plotH / 2;
    out.push(`<text class="y-label" x="16" y="${_n(cy)}" text-anchor="middle" transform="rotate(-90 16 ${_n(cy)})">${_xmlEscape(options.yLabel)}</text>`);
  }

  // Series.
  series.forEach((s, si) => {
    const color = _xmlEscape(s.color ?? PALETTE[si % PALETTE.length]);
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    const name = _xmlEscape(s.name);
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    out.push(`<g class="series" data-series="${name}" stroke="${color}" fill="${color}" clip-path="url(#plot-area)">`);
    // Line, split at gaps.
    let seg: string[] = [];
    const flush = (): void => {
      if (seg.length > 1) out.push(`<polyline points="${seg.join(' ')}" fill="none" stroke-width="2"${dash}/>`);
      seg = [];
    };
    for (const p of pts) {
      if (fin(p.y)) seg.push(`${_n(sx(p.x))},${_n(sy(p.y))}`);
      else flush();
    }
    flush();
    for (const p of pts) {
      if (!fin(p.y)) continue;
      const x = sx(p.x);
      const [lo, hi] = _bounds(p);
      if (fin(lo) && fin(hi)) {
        out.push(`<g class="error-bar" stroke-width="1.5"><line x1="${_n(x)}" y1="${_n(sy(lo))}" x2="${_n(x)}" y2="${_n(sy(hi))}"/><line x1="${_n(x - 4)}" y1="${_n(sy(lo))}" x2="${_n(x + 4)}" y2="${_n(sy(lo))}"/><line x1="${_n(x - 4)}" y1="${_n(sy(hi))}" x2="${_n(x + 4)}" y2="${_n(sy(hi))}"/></g>`);
      }
      const tip = `${s.name}: x=${p.x}, y=${p.y}` + (fin(lo) && fin(hi) ? ` [${lo}, ${hi}]` : '');
      out.push(`<circle cx="${_n(x)}" cy="${_n(sy(p.y))}" r="3.5" data-x="${p.x}" data-y="${p.y}"><title>${_xmlEscape(tip)}</title></circle>`);
    }
    out.push('</g>');
  });

  // Legend.
  if (series.length > 0) {
    const lx = left + plotW + 16;
    out.push('<g class="legend">');
    series.forEach((s, si) => {
      const color = _xmlEscape(s.color ?? PALETTE[si % PALETTE.length]);
      const y = top + 10 + si * 20;
      const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
      out.push(`<line x1="${_n(lx)}" y1="${_n(y)}" x2="${_n(lx + 24)}" y2="${_n(y)}" stroke="${color}" stroke-width="2"${dash}/>`);
      out.push(`<circle cx="${_n(lx + 12)}" cy="${_n(y)}" r="3.5" fill="${color}"/>`);
      out.push(`<text x="${_n(lx + 32)}" y="${_n(y + 4)}">${_xmlEscape(s.name)}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function _bounds(p: CurvePoint): [number | null, number | null] {
  const e = p.err;
  if (e === undefined || e === null || p.y === null) return [null, null];
  if (typeof e === 'number') return Number.isFinite(e) ? [p.y - Math.abs(e), p.y + Math.abs(e)] : [null, null];
  return [e.low, e.high];
}

function _n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function _decimalsOf(v: number): number {
  const s = String(v);
  const i = s.indexOf('.');
  return i < 0 || s.includes('e') ? 0 : Math.min(6, s.length - i - 1);
}
