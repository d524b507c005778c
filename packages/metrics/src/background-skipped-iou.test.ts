import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backgroundSkippedIoU } from './background-skipped-iou.js';
import { computeMetrics } from './compute-metrics.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { MetricsError } from './metrics-error.js';

// Made by tools/metrics-ref/make_paper_iou.py: the authors' SegMetric loop (skip_bg=True) in NumPy.
interface Case {
  name: string;
  numClasses: number;
  images: { shape: number[]; truth: string; pred: string }[];
  expected: { paperIoU: number | null; foregroundIoU: (number | null)[]; pixelAccuracy: number | null };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/paper-iou.json', import.meta.url), 'utf8')) as { cases: Case[] };
const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

describe('backgroundSkippedIoU', () => {
  it('matches the paper code (accumulated over images, background skipped) on every reference case', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(4);
    for (const c of fixture.cases) {
      const cm = new ConfusionMatrix(c.numClasses, { ignoreIndex: 255 });
      for (const im of c.images) cm.add(bytes(im.pred), bytes(im.truth));
      const got = backgroundSkippedIoU(cm);
      expect(got.value, c.name).toBeCloseTo(c.expected.paperIoU!, 12);
      const m = computeMetrics(cm);
      expect(m.backgroundSkippedIoU, c.name).toBeCloseTo(c.expected.paperIoU!, 12);
      expect(m.pixelAccuracy, c.name).toBeCloseTo(c.expected.pixelAccuracy!, 12);
      c.expected.foregroundIoU.forEach((v, i) => {
        if (v === null) expect(m.perClass[i + 1].iou, c.name).toBeNull();
        else expect(m.perClass[i + 1].iou, c.name).toBeCloseTo(v, 12);
      });
    }
  });

  it('skips the background, leaves absent classes out, and is the car IoU with two classes', () => {
    const cm = new ConfusionMatrix(4).add(Uint8Array.of(0, 1, 1, 2), Uint8Array.of(0, 1, 0, 2));
    expect(backgroundSkippedIoU(cm)).toEqual({ value: 0.75, included: [1, 2], excluded: [3] });
    expect(backgroundSkippedIoU(cm, 2)).toEqual({ value: 0.5, included: [0, 1], excluded: [3] });
    const two = new ConfusionMatrix(2).add(Uint8Array.of(0, 1, 1, 0), Uint8Array.of(0, 1, 0, 1));
    expect(backgroundSkippedIoU(two).value).toBeCloseTo(1 / 3, 12);
    expect(Number.isNaN(backgroundSkippedIoU(new ConfusionMatrix(2).add([0, 0], [0, 0])).value)).toBe(true);
    expect(computeMetrics(new ConfusionMatrix(2).add([0, 0], [0, 0])).backgroundSkippedIoU).toBeNull();
    expect(() => backgroundSkippedIoU(cm, 4)).toThrow(MetricsError);
  });
});
