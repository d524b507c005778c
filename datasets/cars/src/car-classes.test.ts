import { describe, expect, it } from 'vitest';
import { CarVariantError, carClasses } from './car-classes.js';

describe('carClasses', () => {
  it('lists the classes of both variants with distinct colours', () => {
    expect(carClasses('binary').classes.map((c) => c.name)).toEqual(['background', 'car']);
    const multi = carClasses('multi');
    expect(multi.classes.map((c) => c.name)).toEqual(['sky', 'road', 'background', 'car body', 'window', 'wheel', 'light']);
    expect(multi.ignore).toBe(255);
    expect(new Set(multi.classes.map((c) => c.color.join(','))).size).toBe(7);
    multi.classes[0].color[0] = 1;
    expect(carClasses('multi').classes[0].color[0]).toBe(70);
  });
  it('names a wrong variant', () => {
    expect(() => carClasses('three' as never)).toThrow(CarVariantError);
  });
});
