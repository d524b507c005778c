import { describe, expect, it } from 'vitest';
import { _handCase } from './_test_cases.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { computeMetrics } from './compute-metrics.js';
import { MetricsError } from './metrics-error.js';

describe('computeMetrics', () => {
  it('summarises the hand-computed case with names, nulls for undefined values', () => {
    const m = computeMetrics(_handCase(4), ['bg', 'car', 'wheel', 'sky']);
    expect(m.pixelAccuracy).toBeCloseTo(3 / 7, 15);
    expect(m.meanIoU).toBeCloseTo(0.25, 15);
    expect(m.meanClassAccuracy).toBeCloseTo(1 / 3, 15);
    expect(m.frequencyWeightedIoU).toBeCloseTo(2.25 / 7, 15);
    expect(m.excludedClasses).toEqual(['sky']);
    expect(m.pixels).toBe(7);
    expect(m.ignoredPixels).toBe(1);
    expect(m.abstainedPixels).toBe(1);
    expect(m.numClasses).toBe(4);
    expect(m.perClass.map((c) => c.name)).toEqual(['bg', 'car', 'wheel', 'sky']);
    expect(m.perClass[0]).toEqual({ index: 0, name: 'bg', iou: 0.25, accuracy: 1 / 3, pixels: 3, predicted: 2 });
    expect(m.perClass[3]).toEqual({ index: 3, name: 'sky', iou: null, accuracy: null, pixels: 0, predicted: 0 });
  });

  it('is JSON-able without loss (no NaN anywhere)', () => {
    const m = computeMetrics(new ConfusionMatrix(3).add(Uint8Array.of(0, 1), Uint8Array.of(255, 255)));
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(m.pixelAccuracy).toBeNull();
    expect(m.meanIoU).toBeNull();
    expect(m.meanClassAccuracy).toBeNull();
    expect(m.frequencyWeightedIoU).toBeNull();
    expect(m.excludedClasses).toEqual(['0', '1', '2']);
    expect(JSON.stringify(computeMetrics(_handCase(4)))).not.toMatch(/NaN/);
  });

  it('requires one name a class', () => {
    expect(() => computeMetrics(_handCase(), ['a', 'b'])).toThrow(MetricsError);
    expect(() => computeMetrics(_handCase(), ['a', 'b'])).toThrow(/one name for each of the 3 classes, found 2 names/);
  });
});
