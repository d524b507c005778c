import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN, createConfig, saveGenerator } from '@ganseg/stylegan';
import { _binFlow } from './_test_cli.js';

const { p, ganseg } = await _binFlow('flow-');

beforeAll(async () => {
  await initBackend();
  const g = StyleGAN.random(createConfig({ resolution: 16, latentSize: 16, dlatentSize: 16, mappingLayers: 2, fmapBase: 64, fmapMax: 16 }), 2);
  await saveGenerator(g, p('gen'));
  g.dispose();
});

describe('the method through the ganseg binary', () => {
  it('sample -> masks -> train-decoder -> predict-mask -> synthesize -> dataset merge -> evaluate', async () => {
    await ganseg('sample', '--generator', p('gen'), '-n', '4', '--seed', '10', '--classes', 'dark,bright', '-o', p('ws'));
    const ids = readdirSync(p('ws', 'samples')).filter((f) => f.endsWith('.png')).map((f) => f.slice(0, -4));
    expect(ids.length).toBe(4);
    expect(JSON.parse(readFileSync(p('ws', 'classes.json'), 'utf8')).classes.map((c: { name: string }) => c.name)).toEqual(['dark', 'bright']);
    await fs.mkdir(p('ws', 'masks'), { recursive: true });
    for (const id of ids.slice(0, 3)) {
      const img = PNG.sync.read(readFileSync(p('ws', 'samples', `${id}.png`)));
      const m = new PNG({ width: img.width, height: img.height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
      m.data = Buffer.from(Array.from({ length: img.width * img.height }, (_, i) => (img.data[i * 4] > 127 ? 1 : 0)));
      await fs.writeFile(p('ws', 'masks', `${id}.png`), PNG.sync.write(m, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
    }
    const t = await ganseg('train-decoder', p('ws'), '--generator', p('gen'), '-o', p('dec'), '--epochs', '2');
    expect(t.stdout).toMatch(/trained on 3 samples \(1 unannotated skipped\)/);
    expect(t.stderr).toMatch(/warning: .*s0003/);
    expect(existsSync(p('dec', 'train-log.json'))).toBe(true);
    await ganseg('predict-mask', '--generator', p('gen'), '--decoder', p('dec'), '--seeds', '100-101', '-o', p('pm'));
    expect(readdirSync(p('pm')).sort()).toEqual(['seed0100-mask.png', 'seed0100-overlay.png', 'seed0100.png', 'seed0101-mask.png', 'seed0101-overlay.png', 'seed0101.png']);
    for (const k of [0, 1]) await ganseg('synthesize', '--generator', p('gen'), '--decoder', p('dec'), '-n', '6', '--shard', `${k}/2`, '-o', p(`shard${k}`));
    const merged = await ganseg('dataset', 'merge', p('shard0'), p('shard1'), '-o', p('synth'));
    expect(merged.stdout).toMatch(/6 samples kept/);
    expect(readdirSync(p('synth', 'masks')).length).toBe(6);
    const ev = await ganseg('evaluate', p('ws'), '--decoder', p('dec'), '--generator', p('gen'), '--json');
    const m = JSON.parse(ev.stdout);
    expect(m.pixelAccuracy).toBeGreaterThanOrEqual(0);
    expect(m.pixelAccuracy).toBeLessThanOrEqual(1);
    expect(m.pixels).toBe(3 * 256);
    expect(existsSync(p('dec', 'metrics.json'))).toBe(true);
  }, 300_000);
});
