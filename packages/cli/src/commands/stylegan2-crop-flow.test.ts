// Issue 19: the wide LSUN Car layout through the ganseg binary, on the converter's 32 px
// StyleGAN2-ADA fixture converted with --crop-rows 4,4: samples, masks, the MLP decoder and
// synthesized pairs are all 32 wide and 24 rows; the conv decoder is refused with a reason.
import { describe, expect, it } from 'vitest';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { _binFlow, _packageFile } from './_test_cli.js';

const ada = _packageFile('stylegan-gluon-converter', 'fixtures/sg2/tiny-sg2-ada.pkl');
const { p, ganseg } = await _binFlow('flow-sg2-crop-');
const size = (f: string): [number, number] => {
  const png = PNG.sync.read(readFileSync(f));
  return [png.width, png.height];
};

describe('a cropped (LSUN Car layout) StyleGAN2 through the ganseg binary', () => {
  it('convert --crop-rows 4,4 -> sample -> masks -> train-decoder (mlp; conv refused) -> synthesize, generate, predict-mask: 32x24 throughout', async () => {
    await expect(ganseg('convert', ada, '-o', p('bad'), '--crop-rows', '4')).rejects.toMatchObject({ stderr: expect.stringMatching(/--crop-rows 4: expected two whole numbers/) });
    const c = await ganseg('convert', ada, '-o', p('gen'), '--crop-rows', '4,4');
    expect(c.stdout).toMatch(/note: crop: rows 4 top and 4 bottom dropped \(images 32 wide, 24 rows\)/);
    expect(JSON.parse(readFileSync(p('gen', 'model.json'), 'utf8')).config.crop).toEqual({ top: 4, bottom: 4 });
    await ganseg('sample', '--generator', p('gen'), '-n', '3', '--seed', '10', '--classes', 'dark,bright', '-o', p('ws'));
    const ids = readdirSync(p('ws', 'samples')).filter((f) => f.endsWith('.png')).map((f) => f.slice(0, -4));
    expect(ids.length).toBe(3);
    await fs.mkdir(p('ws', 'masks'), { recursive: true });
    for (const id of ids) {
      expect(size(p('ws', 'samples', `${id}.png`))).toEqual([32, 24]);
      expect(JSON.parse(readFileSync(p('ws', 'samples', `${id}.json`), 'utf8'))).toMatchObject({ width: 32, height: 24 });
      const img = PNG.sync.read(readFileSync(p('ws', 'samples', `${id}.png`)));
      const m = new PNG({ width: 32, height: 24, colorType: 0, inputColorType: 0, inputHasAlpha: false });
      m.data = Buffer.from(Array.from({ length: 32 * 24 }, (_, i) => (img.data[i * 4] > 127 ? 1 : 0)));
      await fs.writeFile(p('ws', 'masks', `${id}.png`), PNG.sync.write(m, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
    }
    await expect(ganseg('train-decoder', p('ws'), '--generator', p('gen'), '-o', p('dec'), '--epochs', '1')).rejects.toMatchObject({ stderr: expect.stringMatching(/conv decoder .* use arch "mlp"/) });
    const t = await ganseg('train-decoder', p('ws'), '--generator', p('gen'), '-o', p('mlp'), '--arch', 'mlp', '--ensemble', '2', '--epochs', '2');
    expect(t.stdout).toMatch(/trained on 3 samples/);
    expect(JSON.parse(readFileSync(p('mlp', 'model.json'), 'utf8')).config.crop).toEqual({ top: 4, bottom: 4 });
    await ganseg('synthesize', '--generator', p('gen'), '--decoder', p('mlp'), '-n', '2', '-o', p('synth'));
    const masks = readdirSync(p('synth', 'masks'));
    expect(masks.length).toBe(2);
    for (const f of masks) {
      expect(size(p('synth', 'masks', f))).toEqual([32, 24]);
      expect(size(p('synth', 'images', f))).toEqual([32, 24]);
    }
    await ganseg('generate', '--generator', p('gen'), '--seeds', '0-2', '-o', p('gen-out'));
    expect(size(p('gen-out', 'seed0001.png'))).toEqual([32, 24]);
    await ganseg('predict-mask', '--generator', p('gen'), '--decoder', p('mlp'), '--seeds', '3', '-o', p('pm'));
    for (const f of ['seed0003.png', 'seed0003-mask.png', 'seed0003-overlay.png']) expect(size(p('pm', f))).toEqual([32, 24]);
  }, 300_000);
});
