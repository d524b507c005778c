import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { _findAll, _parseXml } from './_test_xml.js';
import { MetricsError } from './metrics-error.js';
import { plotCurveSvg, type CurveSeries } from './plot-curve-svg.js';

const NS = [1, 2, 5, 10, 20];
const SERIES: CurveSeries[] = [
  { name: 'ganseg accuracy', points: NS.map((x, i) => ({ x, y: 0.8 + 0.03 * i, err: 0.01 })) },
  { name: 'ganseg mIoU', points: NS.map((x, i) => ({ x, y: 0.6 + 0.05 * i, err: { low: 0.58 + 0.05 * i, high: 0.63 + 0.05 * i } })), dashed: true },
  { name: 'baseline accuracy', points: NS.map((x, i) => ({ x, y: 0.6 + 0.04 * i })) },
  { name: 'baseline <mIoU> & "more"', points: NS.map((x, i) => ({ x, y: i === 2 ? null : 0.3 + 0.08 * i })), dashed: true },
];

describe('plotCurveSvg', () => {
  const svg = plotCurveSvg(SERIES, { title: 'mIoU vs N', xLabel: 'annotated images N', yLabel: 'score', xScale: 'log' });
  const doc = _parseXml(svg);

  it('is well-formed XML with an svg root, axes, labels and a legend', () => {
    expect(doc.name).toBe('svg');
    expect(doc.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    const texts = _findAll(doc, 'text').map((t) => t.text);
    expect(texts).toContain('mIoU vs N');
    expect(texts).toContain('annotated images N');
    expect(texts).toContain('score');
    expect(texts).toContain('baseline <mIoU> & "more"'); // escaped in the file, decoded by the parser
    // Log axis with few x values: the data's x values are the ticks.
    const xt = _findAll(doc, 'text').filter((t) => t.attrs.class === 'x-tick').map((t) => t.text);
    expect(xt).toEqual(['1', '2', '5', '10', '20']);
    const yt = _findAll(doc, 'text').filter((t) => t.attrs.class === 'y-tick').map((t) => Number(t.text));
    expect(yt.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...yt)).toBeLessThanOrEqual(0.3);
    expect(Math.max(...yt)).toBeGreaterThanOrEqual(0.92);
    const legend = doc.children.find((c) => c.attrs.class === 'legend');
    expect(legend && _findAll(legend, 'text').map((t) => t.text)).toEqual(SERIES.map((s) => s.name));
  });

  it('places every point, with y growing upwards and x in log order', () => {
    const groups = doc.children.filter((c) => c.attrs.class === 'series');
    expect(groups.map((g) => g.attrs['data-series'])).toEqual(SERIES.map((s) => s.name));
    groups.forEach((g, si) => {
      const circles = _findAll(g, 'circle');
      const expected = SERIES[si].points.filter((p) => p.y !== null);
      expect(circles.map((c) => [Number(c.attrs['data-x']), Number(c.attrs['data-y'])])).toEqual(
        expected.map((p) => [p.x, p.y]),
      );
      const cx = circles.map((c) => Number(c.attrs.cx));
      for (let k = 1; k < cx.length; k++) expect(cx[k]).toBeGreaterThan(cx[k - 1]);
    });
    // Same y on two series -> same cy; larger y -> smaller cy.
    const cy = (si: number, pi: number): number => Number(_findAll(groups[si], 'circle')[pi].attrs.cy);
    expect(cy(1, 0)).toBeCloseTo(cy(2, 0), 1); // both 0.6
    expect(cy(0, 0)).toBeLessThan(cy(1, 0)); // 0.8 above 0.6
    // Log x: 1->2 and 10->20 are the same distance.
    const cxs = _findAll(groups[0], 'circle').map((c) => Number(c.attrs.cx));
    expect(cxs[1] - cxs[0]).toBeCloseTo(cxs[4] - cxs[3], 1);
    // The gap at N=5 splits the last series' line in two.
    expect(_findAll(groups[3], 'polyline')).toHaveLength(2);
    expect(_findAll(groups[0], 'polyline')).toHaveLength(1);
    expect(_findAll(groups[0], 'polyline')[0].attrs.points.split(' ')).toHaveLength(5);
    expect(_findAll(groups[1], 'polyline')[0].attrs['stroke-dasharray']).toBe('6 4');
  });

  it('draws error bars from a half-width or from bounds', () => {
    const groups = doc.children.filter((c) => c.attrs.class === 'series');
    const bars = (g: (typeof groups)[number]) => g.children.filter((c) => c.attrs.class === 'error-bar');
    expect(bars(groups[0])).toHaveLength(5);
    expect(bars(groups[2])).toHaveLength(0);
    // ±0.01 around 0.8: the bar's ends straddle the point symmetrically.
    const [bar] = bars(groups[0]);
    const c0 = _findAll(groups[0], 'circle')[0];
    const y1 = Number(bar.children[0].attrs.y1);
    const y2 = Number(bar.children[0].attrs.y2);
    expect((y1 + y2) / 2).toBeCloseTo(Number(c0.attrs.cy), 1);
    expect(y1).toBeGreaterThan(y2);
  });

  it('linear axes get round ticks that cover the data', () => {
    const d = _parseXml(plotCurveSvg([{ name: 'a', points: [{ x: 3, y: 0.12 }, { x: 47, y: 0.97 }] }]));
    const xt = _findAll(d, 'text').filter((t) => t.attrs.class === 'x-tick').map((t) => Number(t.text));
    expect(xt[0]).toBeLessThanOrEqual(3);
    expect(xt[xt.length - 1]).toBeGreaterThanOrEqual(47);
    for (const v of xt) expect(v % 10).toBe(0);
  });

  it('keeps a long title inside the figure: centred over it, smaller and held to its width when wider', () => {
    const title = (n: number) => _findAll(_parseXml(plotCurveSvg(SERIES, { title: 'x'.repeat(n), width: 640 })), 'text')[0].attrs;
    const short = title(10), mid = title(70), long = title(120);
    expect(Number(short.x)).toBeLessThan(320); // over the plot, left of the legend
    expect(Number(mid.x)).toBe(320);
    expect(mid.textLength).toBeUndefined();
    expect(Number(long.x)).toBe(320);
    expect(Number(long.textLength)).toBe(624);
    expect([Number(short['font-size']), Number(mid['font-size']), Number(long['font-size'])]).toEqual([15, 15, 10]);
  });

  it('handles no series and a single point', () => {
    expect(_parseXml(plotCurveSvg([])).name).toBe('svg');
    const d = _parseXml(plotCurveSvg([{ name: 'one', points: [{ x: 5, y: 0.5 }] }]));
    expect(_findAll(d, 'circle').length).toBe(2); // point + legend marker
    expect(_findAll(d, 'polyline').length).toBe(0);
  });

  it('rejects x <= 0 on a log axis, non-finite x and a tiny size', () => {
    expect(() => plotCurveSvg([{ name: 'a', points: [{ x: 0, y: 1 }] }], { xScale: 'log' })).toThrow(MetricsError);
    expect(() => plotCurveSvg([{ name: 'a', points: [{ x: NaN, y: 1 }] }])).toThrow(/series\[0\]|series 0/);
    expect(() => plotCurveSvg([], { width: 10 })).toThrow(/width/);
  });

  describe.runIf(existsSync('/usr/bin/python3'))('with an independent parser', () => {
    it("parses with Python's xml.etree", () => {
      const out = execFileSync(
        '/usr/bin/python3',
        ['-c', 'import sys, xml.etree.ElementTree as E; r = E.fromstring(sys.stdin.read()); print(r.tag, len(r.findall(".//{http://www.w3.org/2000/svg}circle")))'],
        { input: svg, encoding: 'utf8' },
      );
      expect(out.trim()).toBe(`{http://www.w3.org/2000/svg}svg ${19 + 4}`);
    });
  });
});
