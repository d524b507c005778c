import { describe, expect, it } from 'vitest';
import { renderScene } from './render-scene.js';
import { _rgbToHsv } from './_color.js';

/** Best balanced accuracy of a 1D threshold (either direction) on features in [0, 1]. */
function bestThreshold(pos: number[], neg: number[]): number {
  const B = 256;
  const hp = new Float64Array(B);
  const hn = new Float64Array(B);
  for (const v of pos) hp[Math.min(B - 1, Math.max(0, Math.floor(v * B)))]++;
  for (const v of neg) hn[Math.min(B - 1, Math.max(0, Math.floor(v * B)))]++;
  let cp = 0;
  let cn = 0;
  let best = 0.5;
  for (let t = 0; t < B; t++) {
    cp += hp[t];
    cn += hn[t];
    // "positive if value > t": TPR = 1 - cp/P, TNR = cn/N
    const a = 0.5 * (1 - cp / pos.length + cn / neg.length);
    best = Math.max(best, a, 1 - a);
  }
  return best;
}

const features: [string, (r: number, g: number, b: number) => number][] = [
  ['red', (r) => r],
  ['green', (_r, g) => g],
  ['blue', (_r, _g, b) => b],
  ['luminance', (r, g, b) => 0.299 * r + 0.587 * g + 0.114 * b],
  ['saturation', (r, g, b) => _rgbToHsv(r, g, b)[1]],
  ['hue', (r, g, b) => _rgbToHsv(r, g, b)[0]],
];

describe('renderScene', () => {
  it('is a pure function of the seed (byte-identical), different seeds differ', () => {
    for (const variant of ['binary', 'multi'] as const) {
      for (const seed of [0, 7, 123456]) {
        const a = renderScene(seed, { variant });
        const b = renderScene(seed, { variant });
        expect(Buffer.from(a.image).equals(Buffer.from(b.image))).toBe(true);
        expect(Buffer.from(a.mask).equals(Buffer.from(b.mask))).toBe(true);
      }
    }
    const a = renderScene(1);
    const b = renderScene(2);
    expect(Buffer.from(a.image).equals(Buffer.from(b.image))).toBe(false);
    // the image does not depend on the variant
    expect(Buffer.from(renderScene(5, { variant: 'binary' }).image).equals(Buffer.from(renderScene(5, { variant: 'multi' }).image))).toBe(true);
  });

  it('renders the asked size; masks hold cars and only known classes, consistent across variants', () => {
    for (const size of [32, 64, 128]) {
      const s = renderScene(3, { size, variant: 'multi' });
      expect([s.width, s.height, s.image.length, s.mask.length]).toEqual([size, size, size * size * 3, size * size]);
    }
    let agree = 0;
    let total = 0;
    const seen = new Array(7).fill(0);
    for (let seed = 0; seed < 40; seed++) {
      const m = renderScene(seed, { variant: 'multi' });
      const b = renderScene(seed, { variant: 'binary' });
      const counts = new Array(256).fill(0);
      for (const c of m.mask) counts[c]++;
      expect(counts.slice(7).every((n) => n === 0)).toBe(true);
      for (let c = 0; c < 7; c++) if (counts[c] > 0) seen[c]++;
      expect(b.mask.every((c) => c === 0 || c === 1)).toBe(true);
      const car = counts[3] + counts[4] + counts[5] + counts[6];
      expect(car / m.mask.length).toBeGreaterThan(0.01);
      for (let i = 0; i < m.mask.length; i++) {
        total++;
        if ((m.mask[i] >= 3 ? 1 : 0) === b.mask[i]) agree++;
      }
      // sky lies above the road in every scene that shows both
      let skyY = 0, nSky = 0, roadY = 0, nRoad = 0;
      for (let i = 0; i < m.mask.length; i++) {
        const y = Math.floor(i / m.width);
        if (m.mask[i] === 0) { skyY += y; nSky++; }
        if (m.mask[i] === 1) { roadY += y; nRoad++; }
      }
      if (nSky > 20 && nRoad > 20) expect(skyY / nSky).toBeLessThan(roadY / nRoad);
    }
    expect(agree / total).toBeGreaterThan(0.98);
    // every part class shows up in most scenes (sky, road, background, body, window, wheel, light)
    for (let c = 0; c < 7; c++) expect(seen[c], `class ${c}`).toBeGreaterThan(c === 0 || c === 6 ? 20 : 30);
    console.log('scenes (of 40) showing each class:', seen.join(' '));
  }, 30_000);

  it('has car colours all round the hue wheel and cars not separable from background by colour', () => {
    const hueBins = new Array(12).fill(0);
    let coloured = 0;
    const carPx: number[][] = features.map(() => []);
    const bgPx: number[][] = features.map(() => []);
    const carMean: number[][] = features.map(() => []);
    const bgMean: number[][] = features.map(() => []);
    for (let seed = 1000; seed < 1200; seed++) {
      const { image, mask } = renderScene(seed, { variant: 'multi' });
      const sumC = [0, 0, 0];
      const sumB = [0, 0, 0];
      let nC = 0;
      let nB = 0;
      for (let i = 0; i < mask.length; i++) {
        const r = image[3 * i] / 255;
        const g = image[3 * i + 1] / 255;
        const b = image[3 * i + 2] / 255;
        const isCar = mask[i] >= 3;
        if (mask[i] === 3) {
          const [h, s, v] = _rgbToHsv(r, g, b);
          if (s > 0.25 && v > 0.15) { hueBins[Math.floor(h * 12) % 12]++; coloured++; }
        }
        if (i % 3 === 0) features.forEach(([, f], k) => (isCar ? carPx : bgPx)[k].push(f(r, g, b)));
        if (isCar) { sumC[0] += r; sumC[1] += g; sumC[2] += b; nC++; } else { sumB[0] += r; sumB[1] += g; sumB[2] += b; nB++; }
      }
      features.forEach(([, f], k) => {
        carMean[k].push(f(sumC[0] / nC, sumC[1] / nC, sumC[2] / nC));
        bgMean[k].push(f(sumB[0] / nB, sumB[1] / nB, sumB[2] / nB));
      });
    }
    for (const n of hueBins) expect(n / coloured).toBeGreaterThan(0.01);
    const report: Record<string, [number, number]> = {};
    features.forEach(([name], k) => {
      report[name] = [bestThreshold(carPx[k], bgPx[k]), bestThreshold(carMean[k], bgMean[k])];
    });
    console.log('best 1D threshold balanced accuracy [pixels, per-image means]:', JSON.stringify(report));
    for (const [name, [px, mean]] of Object.entries(report)) {
      expect(px, `pixel ${name}`).toBeLessThan(0.85);
      expect(mean, `mean ${name}`).toBeLessThan(0.85);
    }
  }, 60_000);
});
