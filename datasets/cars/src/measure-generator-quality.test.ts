import { describe, expect, it } from 'vitest';
import { initBackend } from '@ganseg/runtime';
import { createDeepLab } from '@ganseg/deeplab';
import { measureGeneratorQuality } from './measure-generator-quality.js';
import { renderScene } from './render-scene.js';
import { carSeeds } from './seed-ranges.js';

describe('measureGeneratorQuality', () => {
  it('reads real renders from another range as near the real-vs-real KID, and flat grey images as far', async () => {
    await initBackend();
    const teacher = createDeepLab({ numClasses: 2, backbone: 'resnet18', width: 0.0625 }, { seed: 3 });
    const n = 16;
    const realLike = carSeeds('test', n).map((s) => {
      const r = renderScene(s, { size: 32, layout: 'car-centric' });
      return { data: r.image, width: 32, height: 32 };
    });
    const grey = Array.from({ length: n }, (_, i) => ({ data: new Uint8Array(32 * 32 * 3).fill(100 + i), width: 32, height: 32 }));
    const a = await measureGeneratorQuality(realLike, teacher, { blocks: 2 });
    const b = await measureGeneratorQuality(grey, teacher, { blocks: 2 });
    expect(a.real).toBe(n);
    expect(b.kid).toBeGreaterThan(5 * Math.max(a.kid, a.realKid, 1e-6));
    expect(a.carShareRealTrue).toBeGreaterThan(0.18); // car-centric: the main car covers 18 % or more
    for (const q of [a, b]) for (const s of [q.carShareGenerated, q.carShareReal]) expect(s >= 0 && s <= 1).toBe(true);
    await expect(measureGeneratorQuality(grey.slice(0, 4), teacher)).rejects.toThrow(/at least 8/);
    teacher.dispose();
  }, 120_000);
});
