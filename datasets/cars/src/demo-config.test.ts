import { describe, expect, it } from 'vitest';
import { carDemoConfig } from './demo-config.js';
import { CAR_SEED_RANGES, type CarSeedRangeName } from './seed-ranges.js';

const inRange = (s: number, name: CarSeedRangeName) => s >= CAR_SEED_RANGES[name].start && s < CAR_SEED_RANGES[name].start + CAR_SEED_RANGES[name].n;

describe('carDemoConfig', () => {
  for (const quick of [false, true]) {
    for (const layout of ['car-centric', 'street'] as const) {
      it(`keeps the demo's real scenes disjoint from every training range (${layout}${quick ? ', quick' : ''})`, () => {
        const d = carDemoConfig({ root: '/r', work: '/w', out: '/o', quick, layout, counts: [5, 100] });
        expect(d.realTrainSeeds.every((s) => inRange(s, 'baseline'))).toBe(true);
        expect(d.realTestSeeds.every((s) => inRange(s, 'test'))).toBe(true);
        for (const s of [...d.realTrainSeeds, ...d.realTestSeeds]) {
          for (const r of ['ganTrain', 'teacherTrain', 'quality'] as const) expect(inRange(s, r), `${s} in ${r}`).toBe(false);
        }
        const test = new Set(d.realTestSeeds);
        expect(d.realTrainSeeds.some((s) => test.has(s))).toBe(false);
        // each seed draws its N annotated images from the pool, so the pool must hold the largest N
        expect(d.realTrainSeeds.length).toBeGreaterThanOrEqual(quick ? 4 : 100);
      });
    }
  }

  it('picks the generator and teacher of the layout and class set, three seeds and N = 20 by default', () => {
    const d = carDemoConfig({ root: '/r', work: '/w', out: '/o', variant: 'multi' });
    expect(d.experiment.generator).toBe('/r/weights/generator-car-centric');
    expect(d.experiment.annotator).toEqual({ teacher: '/r/weights/teacher-car-centric-multi' });
    expect(d.experiment.seeds).toEqual([0, 1, 2]);
    expect(d.experiment.counts).toEqual([20]);
    expect(d.experiment.methods).toBeUndefined();
    const s = carDemoConfig({ root: '/r', work: '/w', out: '/o', layout: 'street', mlpArm: true });
    expect(s.experiment.generator).toBe('/r/weights/generator');
    expect(s.experiment.annotator).toEqual({ teacher: '/r/weights/teacher' });
    expect(s.experiment.methods?.map((m) => [m.name, m.decoder.arch])).toEqual([['method', 'conv'], ['method-mlp', 'mlp']]);
  });
});
