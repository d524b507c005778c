import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as mod from './mod.js';

describe('@ganseg/metrics entry', () => {
  it('exports the public names, one by one', () => {
    expect(Object.keys(mod).sort()).toEqual(
      [
        'ConfusionMatrix',
        'LabelOutOfRangeError',
        'LengthMismatchError',
        'MetricsError',
        'classAccuracy',
        'classIoU',
        'computeMetrics',
        'formatMetricsTable',
        'frequencyWeightedIoU',
        'meanAndSpread',
        'kernelDistance',
        'meanClassAccuracy',
        'meanIoU',
        'backgroundSkippedIoU',
        'pixelAccuracy',
        'plotCurveSvg',
      ].sort(),
    );
  });

  it('imports nothing outside the package (no tfjs, no node built-ins): usable alone, in a browser too', () => {
    const dir = new URL('.', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_test_'));
    expect(sources.length).toBeGreaterThan(10);
    for (const f of sources) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const specs = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);
      for (const s of specs) expect(`${f}: ${s}`).toMatch(/: \.\/[a-z_-]+\.js$/);
    }
  });
});
