import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classAccuracy } from './class-accuracy.js';
import { classIoU } from './class-iou.js';
import { computeMetrics } from './compute-metrics.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { frequencyWeightedIoU } from './frequency-weighted-iou.js';
import { meanClassAccuracy } from './mean-class-accuracy.js';
import { meanIoU } from './mean-iou.js';
import { pixelAccuracy } from './pixel-accuracy.js';

// Made by tools/metrics-ref/make_fixtures.py (NumPy); rerun it to regenerate.
interface Case {
  name: string;
  numClasses: number;
  ignoreIndex: number | null;
  dtype: 'uint8' | 'int32';
  shape: number[];
  pred: string;
  truth: string;
  expected: {
    counts: number[][];
    abstained: number[];
    ignoredPixels: number;
    pixels: number;
    pixelAccuracy: number | null;
    classIoU: Array<number | null>;
    classAccuracy: Array<number | null>;
    meanIoU: number | null;
    meanIoUExcluded: number[];
    meanClassAccuracy: number | null;
    frequencyWeightedIoU: number | null;
  };
}

const TOL = 1e-9;
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/numpy-reference.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

function decode(b64: string, dtype: Case['dtype']): Uint8Array | Int32Array {
  const buf = Buffer.from(b64, 'base64');
  const bytes = new Uint8Array(buf.byteLength);
  bytes.set(buf);
  if (dtype === 'uint8') return bytes;
  const dv = new DataView(bytes.buffer);
  const out = new Int32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = dv.getInt32(i * 4, true);
  return out;
}

function close(actual: number, expected: number | null): void {
  if (expected === null) expect(actual).toBeNaN();
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(TOL);
}

describe('NumPy reference (tools/metrics-ref/make_fixtures.py)', () => {
  expect(fixture.cases.length).toBeGreaterThanOrEqual(6);

  for (const c of fixture.cases) {
    it(`${c.name}: matrix and metrics match within ${TOL}`, () => {
      const pred = decode(c.pred, c.dtype);
      const truth = decode(c.truth, c.dtype);
      expect(pred.length).toBe(c.shape.reduce((a, b) => a * b, 1));
      const e = c.expected;

      // Accumulated in uneven batches, and merged from per-batch matrices.
      const cm = new ConfusionMatrix(c.numClasses, { ignoreIndex: c.ignoreIndex });
      const merged = new ConfusionMatrix(c.numClasses, { ignoreIndex: c.ignoreIndex });
      const cuts = [0, Math.floor(pred.length / 7), Math.floor(pred.length / 2), pred.length];
      for (let k = 0; k + 1 < cuts.length; k++) {
        const p = pred.subarray(cuts[k], cuts[k + 1]);
        const t = truth.subarray(cuts[k], cuts[k + 1]);
        cm.add(p, t);
        merged.merge(new ConfusionMatrix(c.numClasses, { ignoreIndex: c.ignoreIndex }).add(p, t));
      }
      expect(merged.toJSON()).toEqual(cm.toJSON());

      expect(cm.toArray()).toEqual(e.counts);
      expect(Array.from(cm.abstained)).toEqual(e.abstained);
      expect(cm.ignoredPixels).toBe(e.ignoredPixels);
      expect(cm.pixels).toBe(e.pixels);

      close(pixelAccuracy(cm), e.pixelAccuracy);
      classIoU(cm).forEach((v, i) => close(v, e.classIoU[i]));
      classAccuracy(cm).forEach((v, i) => close(v, e.classAccuracy[i]));
      const miou = meanIoU(cm);
      close(miou.value, e.meanIoU);
      expect(miou.excluded).toEqual(e.meanIoUExcluded);
      close(meanClassAccuracy(cm).value, e.meanClassAccuracy);
      close(frequencyWeightedIoU(cm), e.frequencyWeightedIoU);

      const s = computeMetrics(cm);
      const nul = (v: number | null): number => (v === null ? NaN : v);
      close(nul(s.pixelAccuracy), e.pixelAccuracy);
      close(nul(s.meanIoU), e.meanIoU);
      close(nul(s.meanClassAccuracy), e.meanClassAccuracy);
      close(nul(s.frequencyWeightedIoU), e.frequencyWeightedIoU);
      expect(s.excludedClasses).toEqual(e.meanIoUExcluded.map(String));
      s.perClass.forEach((pc, i) => {
        close(nul(pc.iou), e.classIoU[i]);
        close(nul(pc.accuracy), e.classAccuracy[i]);
      });
    });
  }
});
